using System.Collections.Concurrent;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.IntegrationTests.Settings;
using Initiativenberatung.Web.Forms.Survey;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.FormBuilder;

/// <summary>
/// The write path of form definitions publishes its notifications once per unit of work after the commit, and the
/// subscribers follow: the survey's form cache, the audit trail and the entry field catalogue (real SQLite site, with an
/// extra in-memory subscriber).
/// </summary>
[TestFixture]
public sealed class FormDefinitionNotificationTests
{
    private const string Admin = "admin-formnotify@example.org";
    private static readonly Actor Actor = new(null, Admin);

    private readonly RecordingSubscriber _recorded = new();
    private CmsWebApplicationFactory _factory = null!;
    private WebApplicationFactory<Program> _site = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = SettingsTestSite.Create("None", out _);
        _site = _factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<INotificationHandler<IFormDefinitionNotification>>(_recorded)));
        _site.CreateClient().Dispose();
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _site.Dispose();
        _factory.Dispose();
    }

    private T Service<T>()
        where T : notnull => _site.Services.GetRequiredService<T>();

    /// <summary>A copy of the seeded survey under a new key and alias (not stored yet).</summary>
    private async Task<FormDefinition> NewSurveyAsync(string alias)
    {
        var form = await Service<FormDefinitionStore>().GetAsync(FormEntriesTestSite.SurveyKey)
            ?? throw new AssertionException("The seeded survey is missing.");
        form.Key = Guid.NewGuid();
        form.Alias = alias;
        form.Name = "Test " + alias;
        return form;
    }

    private async Task<FormDefinition> SaveAsync(FormDefinition form, bool created, ProtectedSettingsMode mode = ProtectedSettingsMode.Keep)
    {
        var result = await Service<FormBuilderService>().SaveAsync(form, created, Actor, mode);
        Assert.That(result.Errors, Is.Empty);
        return result.Form!;
    }

    private async Task<List<string>> AuditActionsAsync(Guid key)
    {
        await using var db = await Service<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(a => a.EntityKey == key && a.EntityType == "Form" && a.UserName == Admin)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    [Test]
    public async Task Raises_one_saved_notification_per_save_When_a_form_is_created_and_then_changed()
    {
        var form = await NewSurveyAsync("benachrichtigt");

        await SaveAsync(form, created: true);
        var afterCreate = _recorded.For(form.Key);
        form.Name = "Umbenannt";
        await SaveAsync(form, created: false);
        var afterSave = _recorded.For(form.Key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterCreate.Select(b => b.Single()).OfType<FormSavedNotification>().Select(n => n.Created), Is.EqualTo(new[] { true }));
            Assert.That(afterSave.Skip(1).Select(b => b.Single()).OfType<FormSavedNotification>().Select(n => (n.Created, n.Name)),
                Is.EqualTo(new[] { (false, "Umbenannt") }));
            Assert.That(Service<FormDefinitionCache>().Get(form.Key)?.Name, Is.EqualTo("Umbenannt"), "the survey cache reloaded");
            Assert.That(await AuditActionsAsync(form.Key), Is.EqualTo(new[] { "Create", "Save" }));
        }
    }

    [Test]
    public async Task Raises_a_protected_settings_notification_in_the_same_batch_When_an_administrator_changes_the_retention()
    {
        var form = await SaveAsync(await NewSurveyAsync("geschuetzt-benachrichtigt"), created: true);
        form.RetentionDays = 30;

        var refused = await Service<FormBuilderService>().SaveAsync(form, created: false, Actor, ProtectedSettingsMode.ChangeIfConfirmed);
        var afterRefusal = _recorded.For(form.Key).Count;
        await SaveAsync(form, created: false, ProtectedSettingsMode.Change);
        var batch = _recorded.For(form.Key)[^1];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Succeeded, Is.False);
            Assert.That(afterRefusal, Is.EqualTo(1), "a refused save raises nothing");
            Assert.That(batch.Select(n => n.GetType()), Is.EqualTo(new[] { typeof(FormSavedNotification), typeof(FormProtectedSettingsChangedNotification) }));
            Assert.That(((FormProtectedSettingsChangedNotification)batch[1]).Details, Does.Contain("unbegrenzt → 30 Tage"));
            Assert.That(Service<FormDefinitionCache>().Get(form.Key)?.RetentionDays, Is.EqualTo(30));
            Assert.That(await AuditActionsAsync(form.Key), Is.EqualTo(new[] { "Create", "Save", "ChangeProtectedSettings" }));
        }
    }

    [Test]
    public async Task Forgets_the_form_in_the_field_catalogue_When_the_form_is_deleted()
    {
        var form = await SaveAsync(await NewSurveyAsync("geloescht-benachrichtigt"), created: true);
        var field = form.AllFields().First(f => f.Type == FormFieldType.ShortAnswer || f.Type == FormFieldType.LongAnswer);
        var answer = KeyValuePair.Create(field.Alias, new FormEntryValue(field.Caption, ["Antwort"]));
        await Service<FormEntryStore>().AppendAsync(form, [answer]);

        var deleted = await Service<FormDeletion>().DeleteAsync(Actor, form);
        var batch = _recorded.For(form.Key)[^1];
        var cachedAfterDelete = Service<FormDefinitionCache>().Get(form.Key);
        var auditAfterDelete = await AuditActionsAsync(form.Key);

        // The same key again: the catalogue must record the column anew (a stale in-memory copy would skip the write).
        await SaveAsync(form, created: true);
        await Service<FormEntryStore>().AppendAsync(form, [answer]);
        var columns = await Service<FormEntryFieldCatalog>().ListAsync(form.Key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deleted.Entries, Is.EqualTo(1));
            Assert.That(batch.Single(), Is.InstanceOf<FormDeletedNotification>());
            Assert.That(cachedAfterDelete, Is.Null, "the survey stops offering the form");
            Assert.That(auditAfterDelete, Is.EqualTo(new[] { "Create", "Delete" }));
            Assert.That(columns.Select(c => c.Key), Is.EqualTo(new[] { field.Alias }));
        }
    }

    /// <summary>Records each call (one per unit of work) with the notifications it got.</summary>
    private sealed class RecordingSubscriber : INotificationHandler<IFormDefinitionNotification>
    {
        private readonly ConcurrentQueue<IReadOnlyList<IFormDefinitionNotification>> _calls = new();

        public Task HandleAsync(IReadOnlyList<IFormDefinitionNotification> notifications, NotificationContext context, CancellationToken cancellationToken)
        {
            _calls.Enqueue([.. notifications]);
            return Task.CompletedTask;
        }

        /// <summary>The calls that concerned <paramref name="formKey"/>, oldest first.</summary>
        public List<IReadOnlyList<IFormDefinitionNotification>> For(Guid formKey) =>
            [.. _calls.Where(c => c.Any(n => n.FormKey == formKey))];
    }
}
