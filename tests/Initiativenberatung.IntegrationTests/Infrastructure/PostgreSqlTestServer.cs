using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Initiativenberatung.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for one test run: <c>initdb</c> into a temp folder (trust auth, fsync off), <c>pg_ctl start</c>
/// on a free loopback port, one database per test site, everything stopped and removed at the end. As root the binaries run
/// as the <c>postgres</c> user (<c>runuser</c>). With <c>INITIATIVENBERATUNG_TEST_POSTGRES</c> set to a connection string of an
/// existing server (a user allowed to create databases) that server is used instead and only the test databases are dropped.
/// </summary>
public sealed class PostgreSqlTestServer : IAsyncDisposable
{
    public const string ExistingServerVariable = "INITIATIVENBERATUNG_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _binaries;
    private readonly bool _asPostgresUser;
    private readonly List<string> _databases = [];

    private PostgreSqlTestServer(string adminConnectionString, string? folder, string? binaries, bool asPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>A connection to the <c>postgres</c> database as a superuser (or the user given in the variable).</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server came from, for messages.</summary>
    public string Description => _binaries is null ? $"{ExistingServerVariable}" : $"{_binaries} (Datenordner {_folder})";

    public static async Task<PostgreSqlTestServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ExistingServerVariable) is { Length: > 0 } existing)
        {
            var server = new PostgreSqlTestServer(existing, null, null, false);
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));
            return server;
        }

        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL-Serverprogramme (initdb, pg_ctl) nicht gefunden: weder unter /usr/lib/postgresql/*/bin noch im PATH. "
            + "Installieren mit 'apt-get install -y postgresql' (das tut .ci/run) oder "
            + $"{ExistingServerVariable}=\"Host=…;Username=…;Password=…\" auf einen vorhandenen Server setzen.");
        var asPostgresUser = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "initiativenberatung-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        var started = new PostgreSqlTestServer(
            $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Pooling=false;Timeout=10",
            folder, binaries, asPostgresUser);
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", folder]);
            }

            await started.RunToolAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            // A server time zone other than UTC makes any timestamp conversion on the server side visible as an hour's shift.
            var options = string.Join(' ',
                $"-p {port.ToString(CultureInfo.InvariantCulture)}", "-c listen_addresses=127.0.0.1", $"-k {folder}",
                "-c fsync=off", "-c synchronous_commit=off", "-c timezone=Europe/Berlin", "-c full_page_writes=off", "-c max_connections=200");
            await started.RunToolAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options]);
            await started.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string (pooled, as the app would use it).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_binaries is null)
        {
            await DropDatabasesAsync();
            return;
        }

        var data = Path.Combine(_folder!, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                await RunToolAsync("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", data]);
            }
            catch (InvalidOperationException exception)
            {
                await TestContext.Error.WriteLineAsync($"PostgreSQL-Testserver ließ sich nicht stoppen: {exception.Message}");
            }
        }

        try
        {
            Directory.Delete(_folder!, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    private async Task DropDatabasesAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = [.. _databases];
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException && watch.Elapsed < timeout)
            {
                await Task.Delay(200);
            }
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binaries!, tool);
        return _asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} startet nicht.");
        // pg_ctl start leaves the server holding the inherited pipes: read until the tool itself exits, not to the pipes' end.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            await Task.WhenAny(Task.WhenAll(output, error), Task.Delay(TimeSpan.FromSeconds(1)));
            var said = (error.IsCompletedSuccessfully ? error.Result : "") + (output.IsCompletedSuccessfully ? output.Result : "");
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} endete mit {process.ExitCode}: {said}");
        }
    }

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c> with initdb, else the folder of <c>initdb</c> on the PATH.</summary>
    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root)
                .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Folder, "initdb")) && File.Exists(Path.Combine(d.Folder, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Folder)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
