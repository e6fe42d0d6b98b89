namespace Initiativenberatung.Core.Schema;

/// <summary>
/// Keys of Umbraco's built-in data types. Files written by real uSync refer to them by key,
/// so our schema uses the same keys (see Umbraco.Cms.Core.Constants.DataTypes.Guids).
/// </summary>
public static class BuiltInDataTypes
{
    public static readonly Guid Textstring = new("0cc0eba1-9960-42c9-bf9b-60e150b429ae");
    public static readonly Guid Textarea = new("c6bac0dd-4ab9-45b1-8e30-e4b619ee5da3");
    public static readonly Guid RichtextEditor = new("ca90c950-0aff-4e72-b976-a30b1ac57dad");
    public static readonly Guid Checkbox = new("92897bc6-a5f3-4ffe-ae27-f2e7e33dda49");
    public static readonly Guid MediaPicker = new("4309a3ea-0d78-4329-a06c-c80b036af19a");
    public static readonly Guid ContentPicker = new("fd1e0da5-5606-4862-b679-5d0cf3a52a59");
}
