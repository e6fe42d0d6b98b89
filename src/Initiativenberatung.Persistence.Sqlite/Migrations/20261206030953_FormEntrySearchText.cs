using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Initiativenberatung.Persistence.Sqlite.Migrations
{
    /// <summary>
    /// <c>FormEntries.SearchText</c>: the case-folded answers for the free-text search, filled for the existing entries with
    /// the same .NET folding as new ones (the function <see cref="SqliteSearchTextFunction"/> registers on every connection).
    /// </summary>
    public partial class FormEntrySearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "FormEntries",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql($"UPDATE FormEntries SET SearchText = {SqliteSearchTextFunction.FunctionName}(ValuesJson);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "FormEntries");
        }
    }
}
