using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Web.BackOffice.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using WebsitePageModel = Initiativenberatung.Web.Website.PageModel;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>
/// Renders the latest draft (or, with a version id, any saved version) in the public layout and view, from a throw-away
/// snapshot. Only below <c>/umbraco</c> (where the back-office cookie lives), never cached, with a visible „Vorschau“ banner.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class PreviewModel(PreviewSnapshotFactory previews, ICompositeViewEngine viewEngine, IStringLocalizer<ContentText> text) : PageModel
{
    public const string LayoutKey = "PreviewLayout";

    public async Task<IActionResult> OnGetAsync(Guid key, int? versionId, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store, no-cache, max-age=0";
        Response.Headers.Pragma = "no-cache";
        var preview = await previews.CreateAsync(key, versionId, cancellationToken);
        if (preview is not { } found)
        {
            return NotFound();
        }

        var view = $"~/Views/{found.Content.ContentTypeAlias}.cshtml";
        if (!viewEngine.GetView(executingFilePath: null, view, isMainPage: true).Success)
        {
            view = "~/Views/contentPage.cshtml";
        }

        var viewData = new ViewDataDictionary<WebsitePageModel>(MetadataProvider, ModelState)
        {
            Model = new WebsitePageModel(found.Content, found.Snapshot),
            [LayoutKey] = "~/Views/Shared/_PreviewLayout.cshtml",
            ["PreviewEditUrl"] = $"{BackOfficeRegistration.PathPrefix}/content/edit/{key:D}",
            ["PreviewRoute"] = found.Content.Route,
        };
        if (versionId is { } id)
        {
            viewData[LayoutKey] = "~/Views/Shared/_VersionPreviewLayout.cshtml";
            viewData["PreviewBannerLabel"] = text["Version.PreviewBannerLabel"].Value;
            viewData["PreviewLabel"] = text["Version.PreviewBanner", id].Value;
            viewData["PreviewEditUrl"] = VersionModel.PathFor(key, id);
            viewData["PreviewBackLabel"] = text["Version.BackToVersion"].Value;
        }

        return new ViewResult { ViewName = view, ViewData = viewData };
    }
}
