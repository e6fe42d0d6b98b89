using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>Reads the edit form of a document like a browser would (every control with its current value) and posts it to a handler.</summary>
internal static class ContentEditorClient
{
    public static string EditPath(Guid key) => $"/umbraco/content/edit/{key:D}";

    /// <summary>The fields the main edit form would post, in document order (repeated names kept).</summary>
    public static async Task<List<KeyValuePair<string, string>>> EditFormAsync(this HttpClient client, Guid key)
    {
        using var response = await client.GetAsync(new Uri(EditPath(key), UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {EditPath(key)}");
        return FormFields(await response.Content.ReadAsStringAsync());
    }

    public static List<KeyValuePair<string, string>> FormFields(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelector("form.bo-editor") as IHtmlFormElement ?? throw new AssertionException("No edit form on the page.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (input.Type is not ("submit" or "button"))
                    {
                        fields.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlTextAreaElement textArea when !string.IsNullOrEmpty(textArea.Name):
                    fields.Add(new(textArea.Name, textArea.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    fields.Add(new(select.Name, selected?.Value ?? ""));
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

    public static string Get(this List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    /// <summary>Posts the fields (they carry the form's antiforgery token) to a page handler of the edit page.</summary>
    public static async Task<HttpResponseMessage> PostEditAsync(this HttpClient client, Guid key, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri($"{EditPath(key)}?handler={handler}", UriKind.Relative), content);
    }
}
