namespace Initiativenberatung.Web.BackOffice.Settings;

/// <summary>Marker type for the settings section's German texts (<c>Resources/BackOffice.Settings.SettingsText.resx</c>).</summary>
public sealed class SettingsText;
