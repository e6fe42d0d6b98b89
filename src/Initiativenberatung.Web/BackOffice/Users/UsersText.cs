namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>Marker type for the German texts of users, sign-in, first-run setup and the own account (<c>Resources/BackOffice.Users.UsersText.resx</c>).</summary>
public sealed class UsersText;
