using Initiativenberatung.Web.Forms.DeliveryApi;
using System.Text.Json;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Initiativenberatung.Core.Delivery;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.DeliveryApi;

/// <summary>What one Delivery API request reads: the snapshot (published, or drafts for a preview), the JSON writer and the start item.</summary>
public sealed class DeliveryApiRequest(PublishedSnapshot snapshot, DeliveryJsonWriter writer, PublishedContent? startItem, bool preview, DeliveryApiOptions options)
{
    private static readonly ConditionalWeakTable<PublishedSnapshot, FrozenDictionary<string, PublishedMedia>> MediaByPath = [];

    public PublishedSnapshot Snapshot => snapshot;

    public DeliveryJsonWriter Writer => writer;

    public PublishedContent? StartItem => startItem;

    public bool Preview => preview;

    public bool IsAllowed(PublishedContent content) => options.IsContentTypeAllowed(content.ContentTypeAlias);

    public bool IsAllowedType(string alias) => options.IsContentTypeAllowed(alias);

    /// <summary>A document by route (relative to the start item, if any); <c>null</c> when unknown or not delivered.</summary>
    public PublishedContent? ContentByPath(string? path)
    {
        var content = snapshot.GetByRoute(AbsoluteRoute(path));
        return content is not null && IsAllowed(content) ? content : null;
    }

    /// <summary>The document an old route (relative to the start item) redirects to, if any.</summary>
    public PublishedContent? RedirectTarget(string? path) =>
        snapshot.GetRedirectTarget(AbsoluteRoute(path)) is { } target && IsAllowed(target) ? target : null;

    public PublishedContent? ContentById(Guid id) => snapshot.GetByKey(id) is { } content && IsAllowed(content) ? content : null;

    /// <summary>A <c>fetch</c> target: an id or a path.</summary>
    public PublishedContent? ResolveTarget(string target) =>
        Guid.TryParse(target, out var id) ? snapshot.GetByKey(id) : snapshot.GetByRoute(AbsoluteRoute(target));

    public PublishedMedia? MediaByPathOrId(string target)
    {
        if (Guid.TryParse(target, out var id))
        {
            return snapshot.GetMedia(id);
        }

        var paths = MediaByPath.GetValue(snapshot, s => s.Media.Values
            .GroupBy(m => m.Path, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(m => m.SortOrder).First(), StringComparer.Ordinal));
        return paths.GetValueOrDefault(PublishedSnapshot.NormalizeRoute(target));
    }

    private string AbsoluteRoute(string? path)
    {
        var relative = PublishedSnapshot.NormalizeRoute(path);
        return startItem is null ? relative : PublishedSnapshot.NormalizeRoute(startItem.Route + relative.TrimStart('/'));
    }
}

/// <summary>Creates a <see cref="DeliveryApiRequest"/> from the headers; only a preview reads the database.</summary>
public sealed class DeliveryApiRequestFactory(
    PublishedSnapshotService snapshots,
    PreviewSnapshotFactory previews,
    FormDefinitionCache forms,
    IOptionsMonitor<DeliveryApiOptions> options)
{
    /// <summary>Keys of the stored form definition that Umbraco Forms' delivery API does not expose.</summary>
    /// <summary>The request, or the problem with the <c>Start-Item</c> header.</summary>
    public async Task<(DeliveryApiRequest? Request, string? Error)> CreateAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        var preview = DeliveryApiRegistration.IsPreview(context.Request);
        var snapshot = preview
            ? await previews.CreateWithAllDraftsAsync(context.RequestAborted)
            : snapshots.Current;

        PublishedContent? startItem = null;
        var header = context.Request.Headers[DeliveryApiRegistration.StartItemHeader].ToString().Trim();
        if (header.Length > 0)
        {
            startItem = Guid.TryParse(header, out var id)
                ? snapshot.Roots.FirstOrDefault(r => r.Key == id)
                : snapshot.Roots.FirstOrDefault(r => string.Equals(r.UrlSegment, header.Trim('/'), StringComparison.OrdinalIgnoreCase));
            if (startItem is null)
            {
                return (null, $"Der Header „Start-Item“ nennt „{header}“; das ist weder die Id noch der Pfad eines Startknotens.");
            }
        }

        var writer = new DeliveryJsonWriter(snapshot, settings.IsContentTypeAllowed, key => FormNode(key, snapshot));
        return (new DeliveryApiRequest(snapshot, writer, startItem, preview, settings), null);
    }

    /// <summary>An expanded form picker: the same definition as the Forms API's <c>GET definitions/{id}</c>.</summary>
    private JsonObject? FormNode(Guid key, PublishedSnapshot snapshot) =>
        forms.Get(key) is { } form
            ? JsonSerializer.SerializeToNode(FormDeliveryMapper.ToDefinition(form, snapshot), JsonSerializerOptions.Web) as JsonObject
            : null;
}
