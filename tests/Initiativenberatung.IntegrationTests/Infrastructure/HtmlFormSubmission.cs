using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Initiativenberatung.IntegrationTests.Infrastructure;

/// <summary>One way to submit a form of a page: the form, the submit control a person would press, and the request it sends.</summary>
public sealed record HtmlSubmission(string Label, string Method, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>The GET address (action with the fields as query string) or the POST address.</summary>
    public string Address => Method == "GET"
        ? Action.Split('?')[0] + Microsoft.AspNetCore.Http.QueryString.Create(Fields.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value)))
        : Action;

    public override string ToString() => $"{Label}: {Method} {Address}";
}

/// <summary>
/// Builds the requests a browser sends for each submit control of a page's forms (HTML form submission: named inputs,
/// ticked boxes, selected options, the pressed button's name/value and <c>formaction</c>), so tests submit a page's
/// forms as they are, with whatever hidden fields the page put in.
/// </summary>
public static class HtmlFormSubmission
{
    /// <summary>Every submission of every form on the page; <paramref name="tick"/> decides which unticked boxes a person ticks.</summary>
    public static IReadOnlyList<HtmlSubmission> All(string html, string pagePath, Func<IHtmlInputElement, bool>? tick = null)
    {
        var document = new HtmlParser().ParseDocument(html);
        var result = new List<HtmlSubmission>();
        foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            if (string.Equals(form.GetAttribute("method"), "dialog", StringComparison.OrdinalIgnoreCase))
            {
                continue; // Closes a <dialog> in the browser (the unsaved-changes warning); never sent to the server.
            }

            var submitters = form.QuerySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit], uui-button[type=submit]").ToList();
            foreach (var submitter in submitters)
            {
                result.Add(Submit(form, submitter, pagePath, tick));
            }
        }

        return result;
    }

    private static HtmlSubmission Submit(IHtmlFormElement form, IElement submitter, string pagePath, Func<IHtmlInputElement, bool>? tick)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.HasAttribute("checked") || (tick?.Invoke(input) ?? false))
                    {
                        fields.Add(KeyValuePair.Create(name, input.GetAttribute("value") ?? "on"));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "reset" or "image" or "file":
                    break;
                case IHtmlSelectElement select:
                    var option = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (option is not null)
                    {
                        fields.Add(KeyValuePair.Create(name, option.GetAttribute("value") ?? option.TextContent));
                    }

                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(KeyValuePair.Create(name, area.TextContent));
                    break;
                default:
                    fields.Add(KeyValuePair.Create(name, element.GetAttribute("value") ?? ""));
                    break;
            }
        }

        if (submitter.GetAttribute("name") is { Length: > 0 } submitterName)
        {
            fields.Add(KeyValuePair.Create(submitterName, submitter.GetAttribute("value") ?? ""));
        }

        var method = (submitter.GetAttribute("formmethod") ?? form.GetAttribute("method") ?? "get").ToUpperInvariant();
        var action = submitter.GetAttribute("formaction") ?? form.GetAttribute("action");
        var label = (submitter.GetAttribute("label") ?? submitter.TextContent).Trim();
        return new HtmlSubmission(label, method, string.IsNullOrEmpty(action) ? pagePath : action, fields);
    }

    /// <summary>Sends the submission with the client (form-encoded body for POST).</summary>
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HtmlSubmission submission) =>
        submission.Method == "POST"
            ? client.PostAsync(new Uri(submission.Address, UriKind.Relative), new FormUrlEncodedContent(submission.Fields))
            : client.GetAsync(new Uri(submission.Address, UriKind.Relative));
}
