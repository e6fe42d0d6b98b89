namespace Initiativenberatung.Core.Schema;

/// <summary>Lookup of content types by key and alias that resolves compositions.</summary>
public sealed class ContentTypeIndex
{
    private readonly Dictionary<Guid, ContentType> _byKey;
    private readonly Dictionary<string, ContentType> _byAlias;

    public ContentTypeIndex(IEnumerable<ContentType> contentTypes)
    {
        _byKey = [];
        _byAlias = new Dictionary<string, ContentType>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in contentTypes)
        {
            _byKey[type.Key] = type;
            _byAlias[type.Alias] = type;
        }
    }

    public IEnumerable<ContentType> All => _byKey.Values;

    public ContentType? ByKey(Guid key) => _byKey.GetValueOrDefault(key);

    public ContentType? ByAlias(string alias) => _byAlias.GetValueOrDefault(alias);

    /// <summary>Own properties plus those of all compositions (depth first, each type once), ordered by sort order.</summary>
    public IReadOnlyList<PropertyType> AllProperties(ContentType type)
    {
        var result = new List<PropertyType>();
        var seenAliases = new HashSet<string>(StringComparer.Ordinal);
        Collect(type, new HashSet<Guid>(), result, seenAliases);
        return result.OrderBy(p => p.SortOrder).ThenBy(p => p.Alias, StringComparer.Ordinal).ToList();
    }

    /// <summary>Own groups plus those of compositions, merged by alias.</summary>
    public IReadOnlyList<PropertyGroup> AllGroups(ContentType type)
    {
        var groups = new Dictionary<string, PropertyGroup>(StringComparer.Ordinal);
        var visited = new HashSet<Guid>();
        void Walk(ContentType t)
        {
            if (!visited.Add(t.Key))
            {
                return;
            }

            foreach (var group in t.Groups)
            {
                groups.TryAdd(group.Alias, group);
            }

            foreach (var composition in t.Compositions)
            {
                if (Resolve(composition) is { } c)
                {
                    Walk(c);
                }
            }
        }

        Walk(type);
        return groups.Values.OrderBy(g => g.SortOrder).ToList();
    }

    public ContentType? Resolve(ContentTypeReference reference) => ByKey(reference.Key) ?? ByAlias(reference.Alias);

    private void Collect(ContentType type, HashSet<Guid> visited, List<PropertyType> result, HashSet<string> seenAliases)
    {
        if (!visited.Add(type.Key))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (seenAliases.Add(property.Alias))
            {
                result.Add(property);
            }
        }

        foreach (var composition in type.Compositions)
        {
            if (Resolve(composition) is { } composed)
            {
                Collect(composed, visited, result, seenAliases);
            }
        }
    }
}
