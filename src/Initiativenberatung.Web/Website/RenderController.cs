using Initiativenberatung.Core.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.OutputCaching;

namespace Initiativenberatung.Web.Website;

/// <summary>The view model of every public page: the document, the snapshot it came from and the site menu.</summary>
public sealed record PageModel(PublishedContent Content, PublishedSnapshot Snapshot)
{
    public PublishedContent? Home => Snapshot.Roots.Count > 0 ? Snapshot.Roots[0] : null;

    /// <summary>The menu: the home page and its children that are not hidden from navigation.</summary>
    public IReadOnlyList<PublishedContent> Menu => Home is null
        ? []
        : [Home, .. Snapshot.Children(Home).Where(c => c.Value<bool>("hideFromNavigation") != true)];

    public string Title => Content.Text("headline") is { Length: > 0 } headline ? headline : Content.Name;
}

/// <summary>Renders published documents by route; the view is chosen by the document type alias.</summary>
public sealed class RenderController(IPublishedSnapshotAccessor snapshots, ICompositeViewEngine viewEngine) : Controller
{
    [HttpGet]
    [HttpHead]
    [OutputCache(PolicyName = WebsiteRegistration.CachePolicy)]
    public IActionResult Index()
    {
        var snapshot = snapshots.Current;
        var content = snapshot.GetByRoute(Request.Path.Value);
        if (content is null)
        {
            // Old addresses of renamed or moved pages (from the snapshot, no SQL); a live route always wins.
            return snapshot.GetRedirectTarget(Request.Path.Value) is { } target
                ? RedirectPermanent(target.Route + Request.QueryString)
                : NotFound();
        }

        // Canonical URLs end with a slash, like Umbraco's.
        var path = Request.Path.Value ?? "/";
        if (!path.EndsWith('/'))
        {
            return RedirectPermanent(content.Route + Request.QueryString);
        }

        // A document type without its own template renders with the generic content page.
        var view = $"~/Views/{content.ContentTypeAlias}.cshtml";
        if (!viewEngine.GetView(executingFilePath: null, view, isMainPage: true).Success)
        {
            view = "~/Views/contentPage.cshtml";
        }

        return View(view, new PageModel(content, snapshot));
    }

    /// <summary>Re-executed for empty error answers, with the original method (a rejected POST shows this page too).</summary>
    [OutputCache(PolicyName = WebsiteRegistration.CachePolicy)]
    public IActionResult Error([FromRoute] int code)
    {
        // The code comes from the route only: a re-executed POST keeps its form, and a posted "code" must not choose the page.
        Response.StatusCode = code is >= 400 and < 600 ? code : 500;
        var snapshot = snapshots.Current;
        return View("~/Views/Error.cshtml", new ErrorPageModel(Response.StatusCode, snapshot));
    }
}

public sealed record ErrorPageModel(int StatusCode, PublishedSnapshot Snapshot);
