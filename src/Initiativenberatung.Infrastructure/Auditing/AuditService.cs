using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Auditing;

/// <summary>Reads the audit trail (who, what, when); its only writer is <see cref="AuditTrailWriter"/>, the audited notifications' subscriber.</summary>
public sealed class AuditService(IDbContextFactory<CmsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Adds an entry to a unit of work the caller saves (so the entry commits with the change it describes).</summary>
    public AuditEntry Add(CmsDbContext db, Actor actor, string action, string entityType, Guid? entityKey, string entityName, string? details = null)
    {
        var entry = new AuditEntry
        {
            Timestamp = clock.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            EntityName = entityName.Length > 255 ? entityName[..255] : entityName,
            Details = details,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>The newest entries of one item, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForEntityAsync(Guid entityKey, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityKey == entityKey)
            .OrderByDescending(a => a.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }
}
