using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Settings;

/// <summary>
/// A site whose uSync root folder is a temporary copy of the seed (so export on save and the dashboard's export never
/// touch the repository's <c>uSync/v17</c>), plus a small browser-like form submitter for the settings pages.
/// </summary>
internal static class SettingsTestSite
{
    public static readonly Guid TextBlockKey = new("4a7d1e93-6c2b-4f85-a0d3-9b1e5c7f2a11");
    public static readonly Guid TextstringKey = new("0cc0eba1-9960-42c9-bf9b-60e150b429ae");

    public static string RepositoryTextBlockFile => Path.Combine(Initiativenberatung.Testing.RepositoryPaths.SeedFolder, "ContentTypes", "textblock.config");

    /// <summary>Creates (does not start) a site with its own uSync folder copied from the seed.</summary>
    public static CmsWebApplicationFactory Create(string exportOnSave, out string usyncFolder)
    {
        var factory = new CmsWebApplicationFactory();
        usyncFolder = Path.Combine(factory.TempDirectory, "uSync", "v17");
        Copy(Initiativenberatung.Testing.RepositoryPaths.SeedFolder, usyncFolder);
        factory.Settings["uSync:Settings:RootFolder"] = usyncFolder;
        factory.Settings["uSync:Settings:ExportOnSave"] = exportOnSave;
        return factory;
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name is not ("usync.once" or "usync.stop"))
            {
                File.Copy(file, Path.Combine(target, name));
            }
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            Copy(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The fields a browser would post for <paramref name="form"/> (checked boxes only, selected options).</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "submit" or "button" or "image" or "reset" || (input.Type is "checkbox" or "radio" && !input.IsChecked))
                    {
                        continue;
                    }

                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (option is not null)
                    {
                        fields.Add(new(select.Name!, option.Value));
                    }

                    break;
                case IHtmlTextAreaElement textArea when !string.IsNullOrEmpty(textArea.Name):
                    fields.Add(new(textArea.Name!, textArea.Value));
                    break;
            }
        }

        return fields;
    }

    public static void Set(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        var index = fields.FindIndex(f => f.Key == name);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"field {name} on the form");
        fields[index] = new(name, value);
    }

    /// <summary>Posts the first form of the page as if <paramref name="buttonSelector"/> was clicked (its formaction wins).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlDocument page, string buttonSelector, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var button = page.QuerySelector(buttonSelector) ?? throw new AssertionException($"No button {buttonSelector} on the page.");
        var form = button.Closest("form") as IHtmlFormElement ?? throw new AssertionException($"{buttonSelector} is not in a form.");
        var fields = Fields(form);
        change?.Invoke(fields);
        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action") ?? throw new AssertionException("form without action");
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(WebUtility.HtmlDecode(action), UriKind.Relative), content);
    }
}
