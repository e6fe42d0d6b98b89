using System.Net;
using AngleSharp.Html.Parser;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>A visitor of the survey: reads the form's token and state from the page and posts pages like a browser.</summary>
public sealed class SurveyClient(CmsWebApplicationFactory factory, HttpClient client)
{
    public const string SurveyPath = "/umfrage/";
    public const string PostPath = "/formulare/absenden";

    public HttpClient Http => client;

    public string Token { get; private set; } = "";

    public string State { get; private set; } = "";

    public string Html { get; private set; } = "";

    public async Task<HttpResponseMessage> OpenAsync()
    {
        var response = await client.GetAsync(SurveyPath);
        await ReadAsync(response);
        return response;
    }

    /// <summary>Posts the current page with the page's token and state (plus <paramref name="fields"/>), as a browser would.</summary>
    public async Task<HttpResponseMessage> PostAsync(IEnumerable<KeyValuePair<string, string>> fields, string action, bool withToken = true, string? state = null)
    {
        var all = new List<KeyValuePair<string, string>>(fields)
        {
            new("__state", state ?? State),
            new("__aktion", action),
        };
        if (withToken)
        {
            all.Add(new("__RequestVerificationToken", Token));
        }

        using var content = new FormUrlEncodedContent(all);
        var response = await client.PostAsync(PostPath, content);
        await ReadAsync(response);
        return response;
    }

    /// <summary>The current state re-signed as if the form had been opened <paramref name="age"/> ago (passes the minimum fill time).</summary>
    public string AgedState(TimeSpan age)
    {
        var protector = factory.Services.GetRequiredService<SurveyStateProtector>();
        var state = protector.Unprotect(State) ?? throw new InvalidOperationException("No survey state on the page.");
        return protector.Protect(state with { IssuedAtUnixMs = DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeMilliseconds() });
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.SeeOther)
        {
            return;
        }

        Html = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(Html);
        Token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? Token;
        State = document.QuerySelector("input[name=__state]")?.GetAttribute("value") ?? State;
    }
}
