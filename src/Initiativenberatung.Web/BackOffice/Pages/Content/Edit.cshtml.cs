using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Time;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Web.BackOffice.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Content;

/// <summary>
/// Edits one document: property editors per data type, save/preview/publish, rearranging blocks and link rows
/// without JavaScript (those handlers re-render the posted state and store nothing), and the info view (versions, audit trail).
/// </summary>
[Authorize(Policy = BackOfficePolicies.Content)]
public sealed class EditModel(
    IStringLocalizer<ContentText> localizer,
    ContentEditorContextLoader contextLoader,
    ContentQueryService queries,
    ContentService content,
    ContentStructureService structure,
    ContentScheduleService schedules,
    AuditService audit,
    IPublishedSnapshotAccessor snapshots,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Key { get; set; }

    /// <summary>For a new document: its parent (none = root) and type alias.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Parent { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? UrlSegment { get; set; }

    public ContentNode? Node { get; private set; }

    /// <summary>The latest saved version (the draft editors work on).</summary>
    public ContentVersion? Draft { get; private set; }

    /// <summary>The address the draft will have once it is published, when it differs from the live one; otherwise <c>null</c>.</summary>
    public string? PendingRoute { get; private set; }

    public ContentType? ContentType { get; private set; }

    public ContentEditorContext Context { get; private set; } = null!;

    public IReadOnlyList<EditorField> Fields { get; private set; } = [];

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public IReadOnlyList<ContentVersionInfo> Versions { get; private set; } = [];

    public IReadOnlyList<AuditEntry> AuditTrail { get; private set; } = [];

    public IReadOnlyList<ContentSchedule> Schedules { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    /// <summary>The form shows posted state that is not stored (blocks rearranged, or refused on save): leaving it loses edits.</summary>
    public bool ShowsUnsavedState { get; private set; }

    public bool IsNew => Node is null;

    public bool IsInfo => string.Equals(View, "info", StringComparison.OrdinalIgnoreCase);

    /// <summary>The label of a field named in the version list (<c>name</c>, <c>urlSegment</c> or a property alias).</summary>
    public string FieldLabel(string field) => field switch
    {
        ContentHistoryService.NameField => localizer["Edit.Name"],
        ContentHistoryService.SegmentField => localizer["Edit.UrlSegment"],
        _ => ContentType is null ? field : Context.Schema.AllProperties(ContentType).FirstOrDefault(p => p.Alias == field)?.Name ?? field,
    };

    public string? ErrorFor(string path) => Errors.FirstOrDefault(e => e.PropertyAlias == path)?.Message;

    public static string LocalTime(DateTime utc) => GermanTime.Format(utc);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Name = Node?.Name ?? "";
        UrlSegment = DraftSegment();
        Fields = ContentEditorForm.Build(Context, ContentType!, Draft?.Values ?? new Dictionary<string, string?>(), []);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => SaveAsync(publish: false, preview: false, cancellationToken);

    public Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) => SaveAsync(publish: false, preview: true, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => SaveAsync(publish: true, preview: false, cancellationToken);

    public Task<IActionResult> OnPostAddBlockAsync(string target, CancellationToken cancellationToken) =>
        RearrangeAsync(target, (path, arg) => Guid.TryParse(arg, out var typeKey) ? (path, raw => ContentEditorForm.AddBlock(raw, typeKey)) : null, cancellationToken);

    public Task<IActionResult> OnPostBlockUpAsync(string target, CancellationToken cancellationToken) =>
        RearrangeIndexedAsync(target, (raw, index) => ContentEditorForm.MoveBlock(raw, index, -1), cancellationToken);

    public Task<IActionResult> OnPostBlockDownAsync(string target, CancellationToken cancellationToken) =>
        RearrangeIndexedAsync(target, (raw, index) => ContentEditorForm.MoveBlock(raw, index, +1), cancellationToken);

    public Task<IActionResult> OnPostRemoveBlockAsync(string target, CancellationToken cancellationToken) =>
        RearrangeIndexedAsync(target, ContentEditorForm.RemoveBlock, cancellationToken);

    public Task<IActionResult> OnPostAddLinkAsync(string target, CancellationToken cancellationToken) =>
        RearrangeAsync(target, (path, _) => (path, ContentEditorForm.AddLink), cancellationToken);

    public Task<IActionResult> OnPostRemoveLinkAsync(string target, CancellationToken cancellationToken) =>
        RearrangeIndexedAsync(target, ContentEditorForm.RemoveLink, cancellationToken);

    /// <summary>Unpublishes after the confirmation step (<paramref name="confirmed"/>); without it, shows that step when something would go offline.</summary>
    public async Task<IActionResult> OnPostUnpublishAsync(bool confirmed, CancellationToken cancellationToken) =>
        !confirmed && await GoesOfflineAsync(cancellationToken)
            ? Redirect(ConfirmModel.PathFor(Key, ConfirmModel.Unpublish))
            : await AfterAsync(await content.UnpublishAsync(Key, User.ToActor(), cancellationToken), localizer["Message.Unpublished"], cancellationToken);

    /// <summary>Trashes after the confirmation step (<paramref name="confirmed"/>); without it, shows that step when something would go offline.</summary>
    public async Task<IActionResult> OnPostTrashAsync(bool confirmed, CancellationToken cancellationToken) =>
        !confirmed && await GoesOfflineAsync(cancellationToken)
            ? Redirect(ConfirmModel.PathFor(Key, ConfirmModel.Trash))
            : await AfterAsync(await structure.TrashAsync(Key, User.ToActor(), cancellationToken), localizer["Message.Trashed"], cancellationToken);

    private async Task<bool> GoesOfflineAsync(CancellationToken cancellationToken) =>
        await queries.GoingOfflineAsync(Key, cancellationToken) is { GoingOffline.Count: > 0 };

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await structure.RestoreAsync(Key, User.ToActor(), cancellationToken), localizer["Message.Restored"], cancellationToken);

    /// <summary>Rolls back after the confirmation on the version page (<paramref name="confirmed"/>); without it, shows that page.</summary>
    public async Task<IActionResult> OnPostRollbackAsync(int versionId, bool confirmed, CancellationToken cancellationToken) =>
        !confirmed
            ? Redirect(VersionModel.PathFor(Key, versionId) + "?rollback=true")
            : await AfterAsync(await content.RollbackAsync(Key, versionId, User.ToActor(), cancellationToken),
                localizer["Message.RolledBack"], cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(string? moveTarget, CancellationToken cancellationToken)
    {
        Guid? parent = null;
        if (!string.Equals(moveTarget, "root", StringComparison.Ordinal))
        {
            if (!Guid.TryParse(moveTarget, out var key))
            {
                return await AfterAsync(ContentOperationResult.Fail("parent", localizer["Message.ChooseMoveTarget"]), "", cancellationToken);
            }

            parent = key;
        }

        return await AfterAsync(await structure.MoveAsync(Key, parent, User.ToActor(), cancellationToken), localizer["Message.Moved"], cancellationToken);
    }

    public async Task<IActionResult> OnPostScheduleAsync(string? releaseDate, string? expireDate, CancellationToken cancellationToken)
    {
        var actor = User.ToActor();
        var errors = new List<ValidationError>();
        var any = false;
        foreach (var (field, text, action) in new[] { ("releaseDate", releaseDate, ContentScheduleAction.Release), ("expireDate", expireDate, ContentScheduleAction.Expire) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            any = true;
            if (!GermanTime.TryParseInput(text, out var utc))
            {
                errors.Add(new ValidationError(field, localizer["Message.ScheduleDateInvalid"]));
                continue;
            }

            var result = await schedules.ScheduleAsync(Key, action, utc, actor, cancellationToken);
            errors.AddRange(result.Errors);
        }

        if (!any)
        {
            errors.Add(new ValidationError("releaseDate", localizer["Message.ScheduleDateRequired"]));
        }

        return await AfterAsync(new ContentOperationResult(null, errors), localizer["Message.Scheduled"], cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelScheduleAsync(long scheduleId, CancellationToken cancellationToken) =>
        await AfterAsync(await schedules.CancelAsync(Key, scheduleId, User.ToActor(), cancellationToken), localizer["Message.ScheduleCancelled"], cancellationToken);

    private async Task<IActionResult> AfterAsync(ContentOperationResult result, string message, CancellationToken cancellationToken)
    {
        if (result.Success)
        {
            Message = message;
            return RedirectToPage(new { Key, View });
        }

        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Name = Node?.Name ?? "";
        UrlSegment = DraftSegment();
        Errors = result.Errors;
        Fields = ContentEditorForm.Build(Context, ContentType!, Draft?.Values ?? new Dictionary<string, string?>(), []);
        return Page();
    }

    private async Task<IActionResult> SaveAsync(bool publish, bool preview, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var formErrors = new List<ValidationError>();
        var values = ContentEditorForm.Read(Context, ContentType!, Request.Form, keepEmptyRows: false, formErrors);
        if (formErrors.Count > 0)
        {
            return Redisplay(values, formErrors);
        }

        var command = new SaveContentCommand(Key, Node?.ParentKey ?? Parent, ContentType!.Alias, Name ?? "", values, UrlSegment);
        var result = publish
            ? await content.SaveAndPublishAsync(command, User.ToActor(), cancellationToken)
            : await content.SaveAsync(command, User.ToActor(), cancellationToken);
        if (!result.Success)
        {
            return Redisplay(values, result.Errors);
        }

        if (preview)
        {
            return Redirect($"{BackOfficeRegistration.PathPrefix}/preview/{Key:D}");
        }

        Message = publish ? localizer["Message.SavedAndPublished"] : localizer["Message.SavedDraft"];
        return RedirectToPage(new { Key, Parent = (Guid?)null, Type = (string?)null });
    }

    /// <summary>Reads the posted state, changes one block list or link list in it and shows the form again; nothing is stored.</summary>
    private async Task<IActionResult> RearrangeAsync(
        string target, Func<string, string, (string Path, Func<string?, string?> Change)?> plan, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var formErrors = new List<ValidationError>();
        var values = ContentEditorForm.Read(Context, ContentType!, Request.Form, keepEmptyRows: true, formErrors);
        var separator = (target ?? "").IndexOf('|', StringComparison.Ordinal);
        var path = separator < 0 ? target ?? "" : target![..separator];
        var argument = separator < 0 ? "" : target![(separator + 1)..];
        if (plan(path, argument) is { } change)
        {
            try
            {
                ContentEditorForm.Change(values, change.Path, change.Change);
            }
            catch (FormatException)
            {
                // An unreadable list stays as it is; saving reports it.
            }
        }

        ModelState.Clear();
        ShowsUnsavedState = true;
        Fields = ContentEditorForm.Build(Context, ContentType!, values, []);
        return Page();
    }

    private Task<IActionResult> RearrangeIndexedAsync(string target, Func<string?, int, string?> change, CancellationToken cancellationToken) =>
        RearrangeAsync(target, (path, _) => ContentEditorForm.TrySplitIndex(path, out var listPath, out var index)
            ? (listPath, raw => change(raw, index))
            : null, cancellationToken);

    private PageResult Redisplay(Dictionary<string, string?> values, IReadOnlyList<ValidationError> errors)
    {
        Errors = errors;
        ShowsUnsavedState = true;
        Fields = ContentEditorForm.Build(Context, ContentType!, values, errors);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Context = await contextLoader.LoadAsync(cancellationToken);
        var loaded = await queries.GetAsync(Key, cancellationToken);
        Node = loaded?.Node;
        Draft = loaded?.Draft;
        if (Node is not null)
        {
            PendingRoute = snapshots.Current.RouteWith(Node.Key, Node.ParentKey, DraftSegment()) is { } future
                && snapshots.Current.GetByKey(Node.Key) is { } live && !string.Equals(future, live.Route, StringComparison.Ordinal)
                ? future
                : null;
            ContentType = Context.Schema.ByAlias(Node.ContentTypeAlias);
            Versions = await queries.VersionsAsync(Key, cancellationToken: cancellationToken);
            AuditTrail = await audit.ForEntityAsync(Key, 100, cancellationToken);
            Schedules = await schedules.ForContentAsync(Key, cancellationToken);
        }
        else if (Type is not null)
        {
            ContentType = Context.Schema.ByAlias(Type) is { Kind: ContentTypeKind.Document, IsElement: false } type ? type : null;
        }

        return ContentType is not null;
    }

    /// <summary>The segment of the latest version (the document's for versions from before segments were kept per version).</summary>
    private string DraftSegment() => Draft is { UrlSegment.Length: > 0 } draft ? draft.UrlSegment : Node?.UrlSegment ?? "";

    /// <summary>Possible new parents for „Verschieben“: not the document itself, its descendants or the recycle bin.</summary>
    public IEnumerable<ContentTreeItem> MoveTargets()
    {
        var excluded = new HashSet<Guid> { Key };
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var item in Context.Documents.Where(d => d.ParentKey is { } p && excluded.Contains(p) && !excluded.Contains(d.Key)))
            {
                excluded.Add(item.Key);
                changed = true;
            }
        }

        return Context.Documents.Where(d => !d.Trashed && !excluded.Contains(d.Key));
    }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;
}
