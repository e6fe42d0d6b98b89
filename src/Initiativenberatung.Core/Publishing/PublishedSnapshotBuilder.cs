using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;

namespace Initiativenberatung.Core.Publishing;

/// <summary>A published document with the version visitors see.</summary>
public sealed record PublishedSource(ContentNode Node, ContentVersion Version)
{
    /// <summary>The segment the route uses: the version's (so a draft's new address waits for its publish), else the document's.</summary>
    public string UrlSegment => string.IsNullOrEmpty(Version.UrlSegment) ? Node.UrlSegment : Version.UrlSegment;
}

/// <summary>
/// Builds a <see cref="PublishedSnapshot"/> from the schema, the published versions and the media library.
/// Pure: no I/O, so it is cheap to test and safe to run on any thread.
/// </summary>
public static class PublishedSnapshotBuilder
{
    public static PublishedSnapshot Build(
        long version,
        IReadOnlyCollection<ContentType> contentTypes,
        IReadOnlyCollection<PublishedSource> published,
        IReadOnlyCollection<MediaItem> media,
        Func<string, string> sanitizeHtml,
        IReadOnlyCollection<RedirectUrl>? redirects = null) =>
        Build(version, contentTypes, published, media, (html, _) => sanitizeHtml(html), redirects);

    /// <param name="sanitizeHtml">Cleans rich text; gets the HTML and the key of the property's data type.</param>
    public static PublishedSnapshot Build(
        long version,
        IReadOnlyCollection<ContentType> contentTypes,
        IReadOnlyCollection<PublishedSource> published,
        IReadOnlyCollection<MediaItem> media,
        Func<string, Guid, string> sanitizeHtml,
        IReadOnlyCollection<RedirectUrl>? redirects = null)
    {
        var schema = new ContentTypeIndex(contentTypes);
        var publishedMedia = BuildMedia(media);
        var converter = new PropertyValueConverter(contentTypes, publishedMedia, sanitizeHtml);

        // Only documents whose ancestors are all published are reachable.
        var byKey = published.Where(p => !p.Node.Trashed).ToDictionary(p => p.Node.Key);
        var routes = new Dictionary<Guid, string>();
        var firstRoot = byKey.Values.Where(p => p.Node.ParentKey is null)
            .OrderBy(p => p.Node.SortOrder).Select(p => (Guid?)p.Node.Key).FirstOrDefault();
        string? RouteOf(PublishedSource source, int depth)
        {
            if (routes.TryGetValue(source.Node.Key, out var known))
            {
                return known;
            }

            if (depth > 64)
            {
                return null;
            }

            string? route;
            if (source.Node.ParentKey is not { } parentKey)
            {
                route = source.Node.Key == firstRoot ? "/" : "/" + source.UrlSegment + "/";
            }
            else
            {
                route = byKey.TryGetValue(parentKey, out var parent) && RouteOf(parent, depth + 1) is { } parentRoute
                    ? parentRoute + source.UrlSegment + "/"
                    : null;
            }

            if (route is not null)
            {
                routes[source.Node.Key] = route;
            }

            return route;
        }

        foreach (var source in byKey.Values)
        {
            RouteOf(source, 0);
        }

        converter.ResolveContent = key =>
            byKey.TryGetValue(key, out var target) && routes.TryGetValue(key, out var route)
                ? new PublishedLink(target.Version.Name, route, null, key)
                : null;

        var content = new List<PublishedContent>();
        foreach (var source in byKey.Values.Where(s => routes.ContainsKey(s.Node.Key)))
        {
            var type = schema.ByAlias(source.Node.ContentTypeAlias);
            var properties = new Dictionary<string, PublishedProperty>(StringComparer.Ordinal);
            if (type is not null)
            {
                foreach (var propertyType in schema.AllProperties(type))
                {
                    source.Version.Values.TryGetValue(propertyType.Alias, out var raw);
                    properties[propertyType.Alias] = new PublishedProperty(
                        propertyType.Alias, propertyType.EditorAlias, raw, converter.Convert(propertyType.EditorAlias, raw, propertyType.DataTypeKey));
                }
            }

            content.Add(new PublishedContent
            {
                Key = source.Node.Key,
                Name = source.Version.Name,
                ContentTypeAlias = source.Node.ContentTypeAlias,
                ParentKey = source.Node.ParentKey,
                Level = source.Node.Level,
                SortOrder = source.Node.SortOrder,
                UrlSegment = source.UrlSegment,
                Route = routes[source.Node.Key],
                TemplateAlias = source.Node.TemplateAlias,
                CreateDate = source.Node.CreateDate,
                UpdateDate = source.Version.CreatedAt,
                Properties = properties,
            });
        }

        foreach (var item in content)
        {
            item.ChildKeys = content.Where(c => c.ParentKey == item.Key)
                .OrderBy(c => c.SortOrder).Select(c => c.Key).ToList();
        }

        return new PublishedSnapshot(
            version,
            content,
            publishedMedia.Values,
            (redirects ?? []).Select(r => new KeyValuePair<string, Guid>(r.Route, r.ContentKey)));
    }

    private static Dictionary<Guid, PublishedMedia> BuildMedia(IReadOnlyCollection<MediaItem> media)
    {
        var items = media.Where(m => !m.Trashed).ToDictionary(m => m.Key);
        var paths = new Dictionary<Guid, string>();
        string PathOf(MediaItem item, int depth)
        {
            if (paths.TryGetValue(item.Key, out var known))
            {
                return known;
            }

            var segment = UrlSegments.Create(item.Name);
            var path = item.ParentKey is { } parentKey && depth < 64 && items.TryGetValue(parentKey, out var parent)
                ? PathOf(parent, depth + 1) + segment + "/"
                : "/" + segment + "/";
            paths[item.Key] = path;
            return path;
        }

        var result = new Dictionary<Guid, PublishedMedia>();
        foreach (var item in items.Values)
        {
            var published = new PublishedMedia
            {
                Key = item.Key,
                Name = item.Name,
                MediaTypeAlias = item.MediaTypeAlias,
                ParentKey = item.ParentKey,
                SortOrder = item.SortOrder,
                Path = PathOf(item, 0),
                Url = item.Url,
                FilePath = item.FilePath,
                Extension = item.Extension,
                Bytes = item.Bytes,
                Width = item.Width,
                Height = item.Height,
                MimeType = item.MimeType,
                FileHash = item.FileHash,
                AltText = item.Values.GetValueOrDefault("altText"),
                CreateDate = item.CreateDate,
                UpdateDate = item.UpdateDate,
                Values = new Dictionary<string, string?>(item.Values, StringComparer.Ordinal),
            };
            result[item.Key] = published;
        }

        foreach (var item in result.Values)
        {
            item.ChildKeys = result.Values.Where(m => m.ParentKey == item.Key)
                .OrderBy(m => m.SortOrder).Select(m => m.Key).ToList();
        }

        return result;
    }
}
