using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Errors;

/// <summary>
/// Refuses back-office requests whose query or form values carry control characters (NUL and the other C0 characters but
/// tab, line feed and carriage return): nobody types them, SQLite and PostgreSQL treat NUL differently, and deep in a page
/// they end as a 500. The answer is a 400 on the back-office error page naming the field. Multipart bodies (uploads) are
/// left to their pages, whose size limits apply before the form is read.
/// </summary>
public static class ControlCharacterGuard
{
    public static WebApplication UseBackOfficeControlCharacterGuard(this WebApplication app)
    {
        app.UseWhen(BackOfficeErrors.IsBackOffice, branch => branch.Use(async (context, next) =>
        {
            // The error page itself is reached by re-executing the refused request (same query and form): let it render.
            var errorPage = context.Request.Path.StartsWithSegments(BackOfficeErrors.PagePath, StringComparison.OrdinalIgnoreCase);
            if (!errorPage && await OffendingFieldAsync(context.Request) is { } field)
            {
                var text = context.RequestServices.GetRequiredService<IStringLocalizer<BackOfficeText>>();
                BackOfficeErrors.Describe(context, $"Control character in the value of \"{field}\"",
                    string.Format(CultureInfo.CurrentCulture, text["Error.ControlCharacter"], field));
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await next(context);
        }));
        return app;
    }

    /// <summary>The name of the first query or form field whose name or value holds a control character, or <c>null</c>.</summary>
    public static async Task<string?> OffendingFieldAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (name, values) in request.Query)
        {
            if (HasControlCharacter(name) || values.Any(HasControlCharacter))
            {
                return Printable(name);
            }
        }

        if (request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Kept readable: ASP.NET's form reader itself refuses a NUL (InvalidDataException), then the raw body names the field.
            request.EnableBuffering();
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException)
            {
                return await RawFieldWithControlCharacterAsync(request); // Otherwise too large or malformed: the page answers it.
            }

            foreach (var (name, values) in form)
            {
                if (HasControlCharacter(name) || values.Any(HasControlCharacter))
                {
                    return Printable(name);
                }
            }
        }

        return null;
    }

    /// <summary>The first field of the URL-encoded body whose name or value decodes to a control character, or <c>null</c>.</summary>
    private static async Task<string?> RawFieldWithControlCharacterAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = Decode(parts[0]);
            if (HasControlCharacter(name) || (parts.Length > 1 && HasControlCharacter(Decode(parts[1]))))
            {
                return Printable(name);
            }
        }

        return null;
    }

    private static string Decode(string encoded)
    {
        try
        {
            return Uri.UnescapeDataString(encoded.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return encoded;
        }
    }

    public static bool HasControlCharacter(string? value) =>
        value is not null && value.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'));

    private static string Printable(string name) => new([.. name.Where(c => c >= ' ').Take(80)]);
}
