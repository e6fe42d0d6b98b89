using Initiativenberatung.Infrastructure.Content;

namespace Initiativenberatung.Web.BackOffice.Content;

/// <summary>The left tree of the content section.</summary>
public sealed record ContentTreeModel(IReadOnlyList<ContentTreeItem> Items, Guid? Current, bool RecycleBin = false);

/// <summary>One level of the tree while it is rendered.</summary>
public sealed record ContentTreeLevel(ILookup<Guid?, ContentTreeItem> Children, Guid? ParentKey, Guid? Current);
