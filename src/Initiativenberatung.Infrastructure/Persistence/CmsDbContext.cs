using System.Text.Json;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Initiativenberatung.Infrastructure.Persistence;

/// <summary>
/// The platform's database. Provider-neutral: the provider (SQLite, PostgreSQL) and its migrations
/// are chosen by the Persistence.* projects.
/// </summary>
public class CmsDbContext(DbContextOptions<CmsDbContext> options)
    : IdentityDbContext<BackOfficeUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<RedirectUrl> RedirectUrls => Set<RedirectUrl>();

    public DbSet<ContentSchedule> ContentSchedules => Set<ContentSchedule>();

    public DbSet<DataType> DataTypes => Set<DataType>();

    public DbSet<ContentType> ContentTypes => Set<ContentType>();

    public DbSet<ContentNode> ContentNodes => Set<ContentNode>();

    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();

    public DbSet<MediaItem> MediaItems => Set<MediaItem>();

    public DbSet<FormDefinitionRecord> FormDefinitions => Set<FormDefinitionRecord>();

    public DbSet<FormEntry> FormEntries => Set<FormEntry>();

    public DbSet<FormEntryField> FormEntryFields => Set<FormEntryField>();

    public DbSet<UsedFormToken> UsedFormTokens => Set<UsedFormToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var modelBuilder = builder;
        modelBuilder.Entity<BackOfficeUser>(e => e.Property(u => u.DisplayName).HasMaxLength(255));

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(a => a.Id);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.EntityType).HasMaxLength(64);
            e.Property(a => a.EntityName).HasMaxLength(255);
            e.HasIndex(a => new { a.EntityKey, a.Timestamp });
            e.HasIndex(a => a.Timestamp);
        });

        modelBuilder.Entity<RedirectUrl>(e =>
        {
            e.ToTable("RedirectUrls");
            e.HasKey(r => r.Id);
            e.Property(r => r.Route).HasMaxLength(1024);
            e.HasIndex(r => r.Route).IsUnique();
            e.HasIndex(r => r.ContentKey);
        });

        modelBuilder.Entity<ContentSchedule>(e =>
        {
            e.ToTable("ContentSchedules");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.Date);
            e.HasIndex(c => c.ContentKey);
        });

        var valuesConverter = new ValueConverter<Dictionary<string, string?>, string>(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<Dictionary<string, string?>>(v, JsonSerializerOptions.Default) ?? new Dictionary<string, string?>());
        var valuesComparer = new ValueComparer<Dictionary<string, string?>>(
            (a, b) => a!.Count == b!.Count && a.All(kv => b.ContainsKey(kv.Key) && b[kv.Key] == kv.Value),
            v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key.GetHashCode(StringComparison.Ordinal), kv.Value == null ? 0 : kv.Value.GetHashCode(StringComparison.Ordinal))),
            v => new Dictionary<string, string?>(v, StringComparer.Ordinal));

        modelBuilder.Entity<DataType>(e =>
        {
            e.ToTable("DataTypes");
            e.HasKey(d => d.Key);
            e.Property(d => d.Name).HasMaxLength(255);
            e.Property(d => d.EditorAlias).HasMaxLength(255);
            e.Property(d => d.EditorUiAlias).HasMaxLength(255);
            e.Property(d => d.DatabaseType).HasMaxLength(32);
            e.HasIndex(d => d.Name).IsUnique();
        });

        modelBuilder.Entity<ContentType>(e =>
        {
            e.ToTable("ContentTypes");
            e.HasKey(t => t.Key);
            e.Property(t => t.Alias).HasMaxLength(255);
            e.Property(t => t.Name).HasMaxLength(255);
            e.HasIndex(t => new { t.Kind, t.Alias }).IsUnique();
            e.OwnsMany(t => t.Groups, g => g.ToJson());
            e.OwnsMany(t => t.Properties, p => p.ToJson());
            e.OwnsMany(t => t.AllowedChildren, c => c.ToJson());
            e.OwnsMany(t => t.Compositions, c => c.ToJson());
        });

        modelBuilder.Entity<ContentNode>(e =>
        {
            e.ToTable("ContentNodes");
            e.HasKey(n => n.Id);
            e.HasAlternateKey(n => n.Key);
            e.Property(n => n.Name).HasMaxLength(255);
            e.Property(n => n.UrlSegment).HasMaxLength(255);
            e.Property(n => n.ContentTypeAlias).HasMaxLength(255);
            e.HasIndex(n => new { n.ParentKey, n.SortOrder });
            e.Ignore(n => n.IsPublished);
            e.Ignore(n => n.HasPendingChanges);
        });

        modelBuilder.Entity<ContentVersion>(e =>
        {
            e.ToTable("ContentVersions");
            e.HasKey(v => v.Id);
            e.Property(v => v.Name).HasMaxLength(255);
            e.Property(v => v.UrlSegment).HasMaxLength(255);
            e.Property(v => v.CreatedBy).HasMaxLength(255);
            e.Property(v => v.Values).HasConversion(valuesConverter, valuesComparer);
            e.HasIndex(v => new { v.ContentKey, v.Id });
        });

        modelBuilder.Entity<MediaItem>(e =>
        {
            e.ToTable("MediaItems");
            e.HasKey(m => m.Id);
            e.HasAlternateKey(m => m.Key);
            e.Property(m => m.Name).HasMaxLength(255);
            e.Property(m => m.MediaTypeAlias).HasMaxLength(255);
            e.Property(m => m.FilePath).HasMaxLength(512);
            e.Property(m => m.Extension).HasMaxLength(16);
            e.Property(m => m.MimeType).HasMaxLength(128);
            e.Property(m => m.FileHash).HasMaxLength(64);
            e.Property(m => m.Values).HasConversion(valuesConverter, valuesComparer);
            e.HasIndex(m => new { m.ParentKey, m.SortOrder });
            e.HasIndex(m => m.FilePath);
            e.Ignore(m => m.Url);
        });

        modelBuilder.Entity<FormDefinitionRecord>(e =>
        {
            e.ToTable("FormDefinitions");
            e.HasKey(f => f.Key);
            e.Property(f => f.Alias).HasMaxLength(255);
            e.Property(f => f.Name).HasMaxLength(255);
            e.HasIndex(f => f.Alias).IsUnique();
        });

        // Anonymous by design: no IP, user agent, referrer, cookie or user id column (docs/quality.md, "Anonymity").
        modelBuilder.Entity<FormEntry>(e =>
        {
            e.ToTable("FormEntries");
            e.HasKey(f => f.Id);
            e.HasIndex(f => new { f.FormKey, f.SubmittedOn, f.Id });

            // Keyset paging of the entries list sorted by id or by state (then date, id).
            e.HasIndex(f => new { f.FormKey, f.Id });
            e.HasIndex(f => new { f.FormKey, f.State, f.SubmittedOn, f.Id });

            // Case-folded answers for the free-text search; rows written past the store (bulk loads) start empty.
            e.Property(f => f.SearchText).HasDefaultValue("");
        });

        modelBuilder.Entity<FormEntryField>(e =>
        {
            e.ToTable("FormEntryFields");
            e.HasKey(f => f.Id);
            e.Property(f => f.Alias).HasMaxLength(255);
            e.HasIndex(f => new { f.FormKey, f.Alias }).IsUnique();
        });

        // Spent survey states and Forms API tokens (hashes only); the key makes a second use fail even across nodes.
        modelBuilder.Entity<UsedFormToken>(e =>
        {
            e.ToTable("UsedFormTokens");
            e.HasKey(t => t.Hash);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.HasIndex(t => t.ExpiresOn);
        });
    }
}
