using System.Text.RegularExpressions;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Hosting;

/// <summary>docs/architecture.md lists the notifications and who listens; these tests keep it equal to the code.</summary>
public sealed partial class ArchitectureDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(CmsWebApplicationFactory.RepositoryRoot, "docs", "architecture.md"));

    [Test]
    public void Lists_every_subscription_of_the_site_When_the_document_is_compared_with_the_registrations()
    {
        using var factory = new CmsWebApplicationFactory();
        var registered = factory.Services.GetRequiredService<NotificationSubscriptions>().All
            .Select(s => $"{Name(s.Notification)} → {Name(s.Handler)} ({(s.InTransaction ? "in the transaction" : "after the commit")})")
            .ToList();

        var documented = Rows("subscriptions")
            .Select(cells => $"{cells[0]} → {cells[1]} ({cells[2]})")
            .ToList();

        Assert.That(documented, Is.EquivalentTo(registered), "docs/architecture.md „Who listens“ vs NotificationSubscriptionRegistration");
    }

    [Test]
    public void Names_every_notification_type_When_the_document_is_compared_with_the_core_assembly()
    {
        var types = typeof(INotification).Assembly.GetTypes()
            .Where(t => typeof(INotification).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => t.Name)
            .ToList();
        var documented = Rows("notifications")
            .SelectMany(cells => CodeName().Matches(cells[1]).Select(m => m.Groups[1].Value))
            .ToList();

        Assert.That(types, Is.Not.Empty);
        Assert.That(documented, Is.EquivalentTo(types), "docs/architecture.md „Notifications“ vs Initiativenberatung.Core.Notifications");
    }

    private static List<string[]> Rows(string table)
    {
        var begin = Document.IndexOf($"<!-- {table}:begin -->", StringComparison.Ordinal);
        var end = Document.IndexOf($"<!-- {table}:end -->", StringComparison.Ordinal);
        Assert.That(begin, Is.GreaterThanOrEqualTo(0).And.LessThan(end), $"table markers for {table}");
        return [.. Document[begin..end].Split('\n')
            .Where(line => line.StartsWith('|') && !line.StartsWith("| ---", StringComparison.Ordinal))
            .Skip(1)
            .Select(line => line.Trim().Trim('|').Split('|').Select(c => c.Trim().Replace("`", "", StringComparison.Ordinal)).ToArray())];
    }

    private static string Name(Type type) => type.Name;

    [GeneratedRegex(@"(\w+Notification)\b")]
    private static partial Regex CodeName();
}
