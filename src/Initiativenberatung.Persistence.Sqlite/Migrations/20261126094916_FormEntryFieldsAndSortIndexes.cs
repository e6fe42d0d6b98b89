using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Initiativenberatung.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FormEntryFieldsAndSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FormEntryFields",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FormKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Caption = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormEntryFields", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FormEntries_FormKey_Id",
                table: "FormEntries",
                columns: new[] { "FormKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FormEntries_FormKey_State_SubmittedOn_Id",
                table: "FormEntries",
                columns: new[] { "FormKey", "State", "SubmittedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FormEntryFields_FormKey_Alias",
                table: "FormEntryFields",
                columns: new[] { "FormKey", "Alias" },
                unique: true);

            // Existing entries: record their columns once (alias and a stored caption, in order of first appearance).
            migrationBuilder.Sql(
                """
                INSERT INTO FormEntryFields (FormKey, Alias, Caption)
                SELECT e.FormKey, j.key, COALESCE(MAX(json_extract(j.value, '$.caption')), j.key)
                FROM FormEntries e, json_each(e.ValuesJson) j
                WHERE json_valid(e.ValuesJson)
                GROUP BY e.FormKey, j.key
                ORDER BY MIN(e.Id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormEntryFields");

            migrationBuilder.DropIndex(
                name: "IX_FormEntries_FormKey_Id",
                table: "FormEntries");

            migrationBuilder.DropIndex(
                name: "IX_FormEntries_FormKey_State_SubmittedOn_Id",
                table: "FormEntries");
        }
    }
}
