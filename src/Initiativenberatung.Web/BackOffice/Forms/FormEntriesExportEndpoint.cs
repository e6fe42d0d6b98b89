using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Infrastructure.Forms.Export;
using Initiativenberatung.Web.BackOffice.Errors;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>
/// <c>GET /umbraco/forms/{key}/export?format=csv|xlsx&amp;delimiter=;|,|tab&amp;headers=captions|aliases&amp;from=&amp;to=&amp;state=&amp;q=&amp;ids=…</c>:
/// the entries of a form streamed as CSV (straight into <c>Response.BodyWriter</c>) or XLSX. With <c>ids</c> only those entries,
/// otherwise the filtered set (no filter parameters = everything of the last month, as in the list; empty <c>from=&amp;to=</c> = all).
/// </summary>
public static class FormEntriesExportEndpoint
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>Request header of the progress script; the answer then carries <see cref="CountHeader"/> (one count query, only then).</summary>
    public const string WantCountHeader = "X-Want-Entry-Count";

    /// <summary>Number of entries in the export (the filtered set or the selection).</summary>
    public const string CountHeader = "X-Entry-Count";

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        Guid key,
        FormDefinitionStore definitions,
        FormEntryBrowser browser,
        FormEntryExport export,
        TimeProvider clock,
        IStringLocalizer<FormsText> text)
    {
        var request = context.Request.Query;
        var format = request["format"].ToString().Trim().ToLowerInvariant() switch
        {
            "" or "csv" => (FormExportFormat?)FormExportFormat.Csv,
            "xlsx" => FormExportFormat.Xlsx,
            _ => null,
        };
        if (format is null)
        {
            return Fail(context, StatusCodes.Status400BadRequest, text["Export.Error.Format"].Value);
        }

        char? delimiter = request["delimiter"].ToString() switch
        {
            "" or ";" => ';',
            "," => ',',
            "tab" or "\t" => '\t',
            _ => null,
        };
        if (delimiter is null)
        {
            return Fail(context, StatusCodes.Status400BadRequest, text["Export.Error.Delimiter"].Value);
        }

        ExportHeaderMode? headers = request["headers"].ToString().Trim().ToLowerInvariant() switch
        {
            "" or "captions" => ExportHeaderMode.Captions,
            "aliases" => ExportHeaderMode.Aliases,
            _ => null,
        };
        if (headers is null)
        {
            return Fail(context, StatusCodes.Status400BadRequest, text["Export.Error.Headers"].Value);
        }

        var query = EntriesQuery.Parse(request, clock, k => text[k].Value);
        if (query.Errors.Count > 0)
        {
            return Fail(context, StatusCodes.Status400BadRequest, string.Join(" ", query.Errors.Values));
        }

        var form = await definitions.GetAsync(key, context.RequestAborted);
        if (form is null)
        {
            return Fail(context, StatusCodes.Status404NotFound, text["Forms.NotFound"].Value);
        }

        var filter = query.Ids.Count > 0 ? new FormEntryFilter(Ids: query.Ids) : query.ToFilter(withIds: false);
        var columns = await export.ColumnsAsync(form, context.RequestAborted);
        var rows = FormEntryExport.RowsAsync(columns, browser.StreamAsync(form.Key, filter, cancellationToken: context.RequestAborted), context.RequestAborted);
        var date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (context.Request.Headers.ContainsKey(WantCountHeader))
        {
            var count = await browser.CountAsync(form.Key, filter, context.RequestAborted);
            response.Headers[CountHeader] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (format == FormExportFormat.Csv)
        {
            response.ContentType = CsvContentType;
            response.Headers.ContentDisposition = ExportFileName.ContentDisposition(ExportFileName.For(form.Alias, date, "csv"));
            await CsvEntryWriter.WriteAsync(response.BodyWriter, columns, rows,
                new CsvExportOptions { Delimiter = delimiter.Value, HeaderMode = headers.Value }, context.RequestAborted);
        }
        else
        {
            response.ContentType = XlsxEntryWriter.ContentType;
            response.Headers.ContentDisposition = ExportFileName.ContentDisposition(ExportFileName.For(form.Alias, date, "xlsx"));
            await XlsxEntryWriter.WriteAsync(response.Body, columns, rows, new XlsxExportOptions { HeaderMode = headers.Value }, context.RequestAborted);
        }

        return Results.Empty;
    }

    /// <summary>An empty error answer with its German reason, shown by the back office's error page (and logged there).</summary>
    private static IResult Fail(HttpContext context, int statusCode, string message)
    {
        BackOfficeErrors.Describe(context, "Export refused: " + message, message);
        return Results.StatusCode(statusCode);
    }
}
