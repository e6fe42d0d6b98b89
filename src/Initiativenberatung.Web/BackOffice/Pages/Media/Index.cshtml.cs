using Initiativenberatung.Core.Media;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.Web.BackOffice.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Media;

/// <summary>
/// The media library: a folder (or the root) as list or grid, search by name, create a folder, upload files.
/// The upload form works without JavaScript; <c>App_Plugins/Initiativenberatung.Media/src/upload.js</c> adds
/// drag-and-drop and progress bars by posting each file to the same handler with <c>Accept: application/json</c>.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Media)]
[MediaUploadLimits]
public sealed class IndexModel(MediaService media, IStringLocalizer<MediaText> text) : PageModel
{
    /// <summary>Messages the page may show after a redirect (<c>?done=…</c>); anything else is ignored.</summary>
    private static readonly HashSet<string> KnownMessages = new(StringComparer.Ordinal) { "uploaded", "folder-created" };

    [BindProperty(SupportsGet = true, Name = "folder")]
    public Guid? FolderKey { get; set; }

    [BindProperty(SupportsGet = true, Name = "view")]
    public string? ViewMode { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    [BindProperty]
    public string? NewFolderName { get; set; }

    public MediaItem? Folder { get; private set; }

    public IReadOnlyList<MediaItem> Breadcrumb { get; private set; } = [];

    public IReadOnlyList<MediaItem> Items { get; private set; } = [];

    public MediaTreeModel Tree { get; private set; } = new([], null, false, 0);

    /// <summary>Parent folder names of search hits, by key.</summary>
    public IReadOnlyDictionary<Guid, string> Locations { get; private set; } = new Dictionary<Guid, string>();

    public bool IsGrid => string.Equals(ViewMode, "grid", StringComparison.OrdinalIgnoreCase);

    public bool IsSearch => !string.IsNullOrWhiteSpace(Query);

    public List<string> UploadErrors { get; } = [];

    public List<string> FolderErrors { get; } = [];

    public List<MediaItem> Uploaded { get; } = [];

    public string? DoneMessage => Done is not null && KnownMessages.Contains(Done) ? Done : null;

    public long MaxUploadBytes => media.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateFolderAsync(CancellationToken cancellationToken)
    {
        var result = await media.CreateFolderAsync(User.ToActor(), FolderKey, NewFolderName ?? "", cancellationToken);
        if (result.Success)
        {
            return Redirect($"/umbraco/media/{result.Item!.Key}?done=folder-created");
        }

        FolderErrors.AddRange(result.Errors.Select(e => e.Message));
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile>? files, CancellationToken cancellationToken)
    {
        files ??= [];
        if (files.Count == 0)
        {
            UploadErrors.Add(text["Message.ChooseFiles"]);
        }

        foreach (var file in files)
        {
            // The size is checked before the file is read; MediaService checks it again on the bytes it reads.
            if (file.Length > media.MaxUploadBytes)
            {
                UploadErrors.Add(text["Message.FileTooLarge", file.FileName, MediaService.Size(file.Length), MediaService.Size(media.MaxUploadBytes)]);
                continue;
            }

            await using var stream = file.OpenReadStream();
            var result = await media.UploadAsync(User.ToActor(), FolderKey, file.FileName, stream, cancellationToken);
            if (result.Success)
            {
                Uploaded.Add(result.Item!);
            }
            else
            {
                UploadErrors.AddRange(result.Errors.Select(e => e.Message));
            }
        }

        if (Request.WantsJson())
        {
            var body = new
            {
                items = Uploaded.Select(m => new { key = m.Key, name = m.Name, mediaTypeAlias = m.MediaTypeAlias, url = m.Url, editUrl = $"/umbraco/media/edit/{m.Key}" }),
                errors = UploadErrors.Count == 0 ? null : new Dictionary<string, string[]> { ["files"] = [.. UploadErrors] },
            };
            return new JsonResult(body) { StatusCode = UploadErrors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity };
        }

        if (UploadErrors.Count == 0)
        {
            return Redirect(FolderUrl(FolderKey) + "?done=uploaded");
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public static string FolderUrl(Guid? key) => key is null ? "/umbraco/media" : $"/umbraco/media/{key}";

    /// <summary>Link to this folder with another view mode or query, keeping the rest.</summary>
    public string Link(string? view = null, string? query = null)
    {
        var parameters = new List<string>();
        var v = view ?? ViewMode;
        if (!string.IsNullOrEmpty(v))
        {
            parameters.Add("view=" + Uri.EscapeDataString(v));
        }

        var q = query ?? Query;
        if (!string.IsNullOrWhiteSpace(q))
        {
            parameters.Add("q=" + Uri.EscapeDataString(q));
        }

        return FolderUrl(FolderKey) + (parameters.Count == 0 ? "" : "?" + string.Join('&', parameters));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var all = await media.AllAsync(cancellationToken);
        if (FolderKey is { } key)
        {
            Folder = all.FirstOrDefault(m => m.Key == key && m.IsFolder() && !m.Trashed);
            if (Folder is null)
            {
                return false;
            }

            Breadcrumb = MediaTreeModel.Ancestors(all, Folder);
        }

        Tree = MediaTreeModel.From(all, FolderKey);
        if (IsSearch)
        {
            Items = await media.SearchAsync(Query!, cancellationToken);
            var names = all.ToDictionary(m => m.Key, m => m.Name);
            Locations = Items.ToDictionary(m => m.Key, m => m.ParentKey is { } p && names.TryGetValue(p, out var n) ? n : text["Media.Root"]);
        }
        else
        {
            Items = await media.ChildrenAsync(FolderKey, cancellationToken);
        }

        return true;
    }
}
