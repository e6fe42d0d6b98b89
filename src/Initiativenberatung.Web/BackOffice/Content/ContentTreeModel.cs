using Initiativenberatung.Infrastructure.Content;

namespace Initiativenberatung.Web.BackOffice.Content;

/// <summary>The left tree of the content section; <paramref name="Search"/>: the search results are shown, no tree entry is the current page.</summary>
public sealed record ContentTreeModel(IReadOnlyList<ContentTreeItem> Items, Guid? Current, bool RecycleBin = false, bool Search = false);

/// <summary>One level of the tree while it is rendered.</summary>
public sealed record ContentTreeLevel(ILookup<Guid?, ContentTreeItem> Children, Guid? ParentKey, Guid? Current);
