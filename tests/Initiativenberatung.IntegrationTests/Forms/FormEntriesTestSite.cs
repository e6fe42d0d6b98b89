using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Forms;

/// <summary>Test forms (copies of the seeded survey under a new key and alias) and entries for the entries/export tests.</summary>
internal static class FormEntriesTestSite
{
    public static readonly Guid SurveyKey = Guid.Parse("3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63");

    /// <summary>A copy of the seeded survey with its own key and alias, so each test has its own entries.</summary>
    public static async Task<FormDefinition> CreateFormAsync(this CmsWebApplicationFactory factory, string alias, int? retentionDays = null, Action<FormDefinition>? change = null)
    {
        var survey = await factory.Services.GetRequiredService<FormDefinitionStore>().GetAsync(SurveyKey)
            ?? throw new AssertionException("The seeded survey is missing.");
        survey.Key = Guid.NewGuid();
        survey.Alias = alias;
        survey.Name = "Test " + alias;
        survey.RetentionDays = retentionDays;
        change?.Invoke(survey);
        await SaveFormAsync(factory, survey);
        return survey;
    }

    public static async Task SaveFormAsync(this CmsWebApplicationFactory factory, FormDefinition form)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        var record = FormDefinitionStore.ToRecord(form, DateTime.UtcNow);
        var existing = await db.FormDefinitions.SingleOrDefaultAsync(f => f.Key == form.Key);
        if (existing is null)
        {
            db.FormDefinitions.Add(record);
        }
        else
        {
            existing.DefinitionJson = record.DefinitionJson;
            existing.Alias = record.Alias;
            existing.Name = record.Name;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>One entry through the real store (today's date at day precision).</summary>
    public static Task<FormEntry> AppendAsync(this CmsWebApplicationFactory factory, FormDefinition form, params (string Alias, string[] Values)[] answers) =>
        factory.Services.GetRequiredService<FormEntryStore>().AppendAsync(form, answers.Select(a =>
            KeyValuePair.Create(a.Alias, new FormEntryValue(form.FindField(a.Alias)?.Caption ?? a.Alias, a.Values))));

    /// <summary>
    /// Many entries in one transaction (for size tests); <paramref name="make"/> gives date and values per index. Like a
    /// bulk load past the store, the answer columns are then recorded with <see cref="FormEntryFieldCatalog.RescanAsync"/>.
    /// </summary>
    public static async Task BulkInsertAsync(this CmsWebApplicationFactory factory, Guid formKey, int count, Func<int, (DateTime SubmittedOn, string ValuesJson)> make)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO FormEntries (FormKey, SubmittedOn, State, ValuesJson, SearchText) VALUES ($key, $date, 0, $json, $search)";
        var key = command.CreateParameter();
        key.ParameterName = "$key";
        key.Value = formKey.ToString().ToUpperInvariant();
        var date = command.CreateParameter();
        date.ParameterName = "$date";
        var json = command.CreateParameter();
        json.ParameterName = "$json";
        command.Parameters.Add(key);
        command.Parameters.Add(date);
        command.Parameters.Add(json);
        var search = command.CreateParameter();
        search.ParameterName = "$search";
        command.Parameters.Add(search);
        for (var i = 0; i < count; i++)
        {
            var (submittedOn, valuesJson) = make(i);
            date.Value = submittedOn.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            json.Value = valuesJson;
            search.Value = FormEntrySearch.TextOf(valuesJson);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await factory.Services.GetRequiredService<FormEntryFieldCatalog>().RescanAsync(formKey);
    }

    public static string Json(params (string Alias, string Caption, string[] Values)[] answers) =>
        FormEntryValues.Serialize(answers.Select(a => KeyValuePair.Create(a.Alias, new FormEntryValue(a.Caption, a.Values))));

    public static async Task<int> CountAsync(this CmsWebApplicationFactory factory, Guid formKey)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.CountAsync(e => e.FormKey == formKey);
    }
}
