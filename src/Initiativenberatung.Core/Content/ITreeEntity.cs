namespace Initiativenberatung.Core.Content;

/// <summary>An item of the content or media tree: its identity and its place below its parent.</summary>
public interface ITreeEntity
{
    Guid Key { get; }

    Guid? ParentKey { get; }

    int Level { get; }

    string Name { get; }

    int SortOrder { get; }

    bool Trashed { get; }

    DateTime CreateDate { get; }
}
