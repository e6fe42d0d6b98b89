using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Initiativenberatung.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VersionUrlSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UrlSegment",
                table: "ContentVersions",
                type: "TEXT",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            // Every existing version gets the document's current segment (provider-neutral: UPDATE with a correlated subquery, ANSI-quoted names).
            migrationBuilder.Sql(
                """
                UPDATE "ContentVersions"
                SET "UrlSegment" = COALESCE(
                    (SELECT n."UrlSegment" FROM "ContentNodes" n WHERE n."Key" = "ContentVersions"."ContentKey"), '')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UrlSegment",
                table: "ContentVersions");
        }
    }
}
