using System.ComponentModel.DataAnnotations;

namespace Initiativenberatung.Infrastructure.Persistence;

/// <summary>Section <c>Database</c>: which provider to use. The connection string is <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    [Required]
    [RegularExpression("^(?i:Sqlite|PostgreSql)$", ErrorMessage = "Database:Provider muss 'Sqlite' oder 'PostgreSql' sein.")]
    public string Provider { get; set; } = "Sqlite";
}
