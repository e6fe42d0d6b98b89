using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Initiativenberatung.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// <c>FormEntries.SearchText</c>: the case-folded answers for the free-text search (see FormEntrySearch), filled for the
    /// existing entries in SQL the way the application folds new ones: every answer value, one per line, normalized (NFKC),
    /// upper- then lower-cased, ß as ss. Malformed values JSON gives an empty text, as in the application.
    /// </summary>
    public partial class FormEntrySearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "FormEntries",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(
                """
                CREATE FUNCTION pg_temp.ib_form_entry_search_text(values_json text) RETURNS text LANGUAGE plpgsql AS $$
                DECLARE
                    result text;
                BEGIN
                    SELECT string_agg(replace(lower(upper(normalize(v.value, NFKC))), 'ß', 'ss'), E'\n')
                    INTO result
                    FROM jsonb_each(values_json::jsonb) AS a(key, value)
                    CROSS JOIN LATERAL jsonb_array_elements_text(
                        CASE WHEN jsonb_typeof(a.value) = 'object' AND jsonb_typeof(a.value -> 'values') = 'array'
                             THEN a.value -> 'values' ELSE '[]'::jsonb END) AS v(value)
                    WHERE v.value <> '';
                    RETURN coalesce(result, '');
                EXCEPTION WHEN others THEN
                    RETURN '';
                END;
                $$;
                UPDATE "FormEntries" SET "SearchText" = pg_temp.ib_form_entry_search_text("ValuesJson");
                DROP FUNCTION pg_temp.ib_form_entry_search_text(text);
                """);
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
