using System.Globalization;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.Web.BackOffice.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Media;

/// <summary>
/// One media item: preview, metadata, name, alt text, focal point, "replace file", move, recycle bin, and the documents
/// that use it. Every action is a POST handler with antiforgery; errors are shown next to the field and on top.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Media)]
[MediaUploadLimits]
public sealed class EditModel(MediaService media, AuditService audit, IStringLocalizer<MediaText> text) : PageModel
{
    private static readonly HashSet<string> KnownMessages = new(StringComparer.Ordinal)
    {
        "saved", "replaced", "moved", "trashed", "restored",
    };

    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? AltText { get; set; }

    /// <summary>Bound as text and parsed invariantly: number inputs post "0.5", whatever the request culture.</summary>
    [BindProperty]
    public string? FocalLeft { get; set; }

    [BindProperty]
    public string? FocalTop { get; set; }

    [BindProperty]
    public string? Target { get; set; }

    public MediaItem Item { get; private set; } = null!;

    public IReadOnlyList<MediaItem> Breadcrumb { get; private set; } = [];

    public MediaTreeModel Tree { get; private set; } = new([], null, false, 0);

    /// <summary>Folders the item may move to (not itself or below it), with their depth.</summary>
    public IReadOnlyList<(MediaItem Folder, int Depth)> MoveTargets { get; private set; } = [];

    public IReadOnlyList<MediaUsage> Usages { get; private set; } = [];

    public IReadOnlyList<Core.Auditing.AuditEntry> History { get; private set; } = [];

    /// <summary>Errors by field (<c>name</c>, <c>altText</c>, <c>focalPoint</c>, <c>file</c>, <c>target</c>, <c>key</c>).</summary>
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public string? DoneMessage => Done is not null && KnownMessages.Contains(Done) ? Done : null;

    public long MaxUploadBytes => media.MaxUploadBytes;

    public IEnumerable<string> FieldErrors(string field) => Errors.TryGetValue(field, out var list) ? list : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Name = Item.Name;
        AltText = Item.Values.GetValueOrDefault(MediaService.AltTextAlias);
        if (FocalPoint.Parse(Item.Values.GetValueOrDefault(FocalPoint.Alias)) is { } focal)
        {
            FocalLeft = focal.Left.ToString("0.###", CultureInfo.InvariantCulture);
            FocalTop = focal.Top.ToString("0.###", CultureInfo.InvariantCulture);
        }

        Target = Item.ParentKey?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        FocalPoint? focal = null;
        var left = ParseFraction(FocalLeft);
        var top = ParseFraction(FocalTop);
        var bothEmpty = string.IsNullOrWhiteSpace(FocalLeft) && string.IsNullOrWhiteSpace(FocalTop);
        if (!bothEmpty)
        {
            if (left is null || top is null)
            {
                AddError("focalPoint", text["Message.FocalPointInvalid"]);
                return await PageAsync(cancellationToken);
            }

            focal = new FocalPoint(left.Value, top.Value);
        }

        var result = await media.UpdateDetailsAsync(User.ToActor(), Key, new MediaDetails(Name ?? "", AltText, focal), cancellationToken);
        return await OutcomeAsync(result, "saved", cancellationToken);
    }

    public async Task<IActionResult> OnPostReplaceAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            AddError("file", text["Message.ChooseReplacement"]);
            return await PageAsync(cancellationToken);
        }

        if (file.Length > media.MaxUploadBytes)
        {
            AddError("file", text["Message.FileTooLarge", file.FileName, MediaService.Size(file.Length), MediaService.Size(media.MaxUploadBytes)]);
            return await PageAsync(cancellationToken);
        }

        await using var stream = file.OpenReadStream();
        var result = await media.ReplaceFileAsync(User.ToActor(), Key, file.FileName, stream, cancellationToken);
        return await OutcomeAsync(result, "replaced", cancellationToken);
    }

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken cancellationToken)
    {
        Guid? target = null;
        if (!string.IsNullOrEmpty(Target))
        {
            if (!Guid.TryParse(Target, out var parsed))
            {
                AddError("target", text["Message.ChooseTargetFolder"]);
                return await PageAsync(cancellationToken);
            }

            target = parsed;
        }

        return await OutcomeAsync(await media.MoveAsync(User.ToActor(), Key, target, cancellationToken), "moved", cancellationToken);
    }

    /// <summary>Trashes after the confirmation step (<paramref name="confirmed"/>), which names what stops being served.</summary>
    public async Task<IActionResult> OnPostTrashAsync(bool confirmed, CancellationToken cancellationToken) =>
        !confirmed
            ? Redirect(ConfirmModel.PathFor(Key, ConfirmModel.Trash))
            : await OutcomeAsync(await media.TrashAsync(User.ToActor(), Key, cancellationToken), "trashed", cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken) =>
        await OutcomeAsync(await media.RestoreAsync(User.ToActor(), Key, cancellationToken), "restored", cancellationToken);

    /// <summary>Deletes for good after the confirmation step (<paramref name="confirmed"/>).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            return Redirect(ConfirmModel.PathFor(Key, ConfirmModel.Delete));
        }

        var result = await media.DeleteAsync(User.ToActor(), Key, cancellationToken);
        return result.Success
            ? Redirect("/umbraco/media/recycle-bin?done=deleted")
            : await OutcomeAsync(result, "", cancellationToken);
    }

    private async Task<IActionResult> OutcomeAsync(MediaResult result, string done, CancellationToken cancellationToken)
    {
        if (result.Success)
        {
            // Post/Redirect/Get: a reload does not post again.
            return Redirect($"/umbraco/media/edit/{Key}?done={done}");
        }

        foreach (ValidationError error in result.Errors)
        {
            AddError(error.PropertyAlias, error.Message);
        }

        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    private void AddError(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }

        list.Add(message);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var all = await media.AllAsync(cancellationToken);
        var item = all.FirstOrDefault(m => m.Key == Key);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Breadcrumb = MediaTreeModel.Ancestors(all, item);
        Tree = MediaTreeModel.From(all, item.Trashed ? null : item.ParentKey, recycleBinCurrent: item.Trashed);
        var excluded = Below(all, item.Key);
        excluded.Add(item.Key);
        var folders = all.Where(m => m.IsFolder() && !m.Trashed && !excluded.Contains(m.Key)).ToList();
        var targets = new List<(MediaItem, int)>();
        void Add(Guid? parent, int depth)
        {
            foreach (var folder in folders.Where(f => f.ParentKey == parent).OrderBy(f => f.SortOrder).ThenBy(f => f.Name, StringComparer.CurrentCultureIgnoreCase))
            {
                targets.Add((folder, depth));
                Add(folder.Key, depth + 1);
            }
        }

        Add(null, 0);
        MoveTargets = targets;
        Usages = await media.UsagesAsync(item.Key, cancellationToken);
        History = await audit.ForEntityAsync(item.Key, 20, cancellationToken);
        return true;
    }

    private static HashSet<Guid> Below(IReadOnlyList<MediaItem> all, Guid key)
    {
        var result = new HashSet<Guid>();
        var queue = new Queue<Guid>([key]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var child in all.Where(m => m.ParentKey == current))
            {
                if (result.Add(child.Key))
                {
                    queue.Enqueue(child.Key);
                }
            }
        }

        return result;
    }

    /// <summary>A fraction 0–1 written with a dot or a comma; <c>null</c> when empty or not a number in range.</summary>
    public static double? ParseFraction(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value is >= 0 and <= 1 && double.IsFinite(value)
            ? value
            : null;
    }
}
