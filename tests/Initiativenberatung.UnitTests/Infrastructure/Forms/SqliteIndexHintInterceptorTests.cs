using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace Initiativenberatung.UnitTests.Infrastructure.Forms;

[TestFixture]
public sealed class SqliteIndexHintInterceptorTests
{
    private const string Select = "SELECT \"f\".\"Id\"\nFROM \"FormEntries\" AS \"f\"\nWHERE \"f\".\"State\" = @state";

    [Test]
    public void Adds_INDEXED_BY_once_When_the_command_carries_the_state_index_tag()
    {
        using var command = new SqliteCommand("-- " + FormEntryQueryHints.StateIndexTag + "\n\n" + Select);

        var first = SqliteIndexHintInterceptor.Apply(command);
        var second = SqliteIndexHintInterceptor.Apply(command);

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(command.CommandText, Does.Contain("FROM \"FormEntries\" AS \"f\" INDEXED BY \"IX_FormEntries_FormKey_State_SubmittedOn_Id\"\nWHERE"));
    }

    [Test]
    public void Leaves_the_command_alone_When_it_has_no_tag()
    {
        using var command = new SqliteCommand(Select);

        Assert.That(SqliteIndexHintInterceptor.Apply(command), Is.False);
        Assert.That(command.CommandText, Is.EqualTo(Select));
    }
}
