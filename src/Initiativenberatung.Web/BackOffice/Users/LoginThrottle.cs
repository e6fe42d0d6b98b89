using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>Section <c>BackOffice:Login</c>.</summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "BackOffice:Login";

    /// <summary>Failed sign-ins per client address and minute before the login answers 429; 0 switches the limit off.</summary>
    [Range(0, 100_000, ErrorMessage = "BackOffice:Login:FailedAttemptsPerMinute muss zwischen 0 und 100000 liegen.")]
    public int FailedAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins per account name (known or not) before it has to wait; 0 switches the waiting off.</summary>
    [Range(0, 1_000, ErrorMessage = "BackOffice:Login:FreeAttemptsPerAccount muss zwischen 0 und 1000 liegen.")]
    public int FreeAttemptsPerAccount { get; set; } = 5;

    /// <summary>The first wait in seconds; it doubles with every further failure.</summary>
    [Range(1, 3_600, ErrorMessage = "BackOffice:Login:FirstDelaySeconds muss zwischen 1 und 3600 liegen.")]
    public int FirstDelaySeconds { get; set; } = 1;

    /// <summary>The longest wait in seconds.</summary>
    [Range(1, 86_400, ErrorMessage = "BackOffice:Login:MaxDelaySeconds muss zwischen 1 und 86400 liegen.")]
    public int MaxDelaySeconds { get; set; } = 60;
}

/// <summary>
/// Limits of <c>POST /umbraco/login</c>, in memory. Per client address (behind a trusted proxy the forwarded one): a fixed
/// window from <c>System.Threading.RateLimiting</c>, <see cref="LoginThrottleOptions.FailedAttemptsPerMinute"/> failed
/// sign-ins a minute, then 429. Per account name, known or not (one dictionary for both, so the answers cannot tell them
/// apart): after <see cref="LoginThrottleOptions.FreeAttemptsPerAccount"/> failures the name waits
/// <see cref="LoginThrottleOptions.FirstDelaySeconds"/>, doubling with every further failure up to
/// <see cref="LoginThrottleOptions.MaxDelaySeconds"/>. There is no hard lockout: guessing from many addresses is slowed
/// down, and the owner of the account waits seconds, not 15 minutes. Only failures count; a correct sign-in clears the name.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    /// <summary>Most account names remembered; when full, names that no longer wait are dropped.</summary>
    public const int MaxTrackedAccounts = 100_000;

    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly ConcurrentDictionary<string, AccountFailures> _accounts = new(StringComparer.Ordinal);
    private readonly LoginThrottleOptions _options;
    private readonly TimeProvider _clock;

    public LoginThrottle(IOptions<LoginThrottleOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var permits = _options.FailedAttemptsPerMinute;
        if (permits > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    public static TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    /// <summary>True when this address used up its failed attempts of the current minute.</summary>
    public bool IsBlocked(IPAddress? address) =>
        _limiter is not null && _limiter.GetStatistics(Key(address)) is { CurrentAvailablePermits: <= 0 };

    /// <summary>How long the account name still has to wait (rounded up to whole seconds), or <c>null</c>.</summary>
    public TimeSpan? AccountWait(string email)
    {
        if (!_accounts.TryGetValue(AccountKey(email), out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var left = failures.WaitUntil - _clock.GetUtcNow();
            return left > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)) : null;
        }
    }

    /// <summary>Counts a failed sign-in for the address and the account name.</summary>
    public void RecordFailure(IPAddress? address, string email)
    {
        using var lease = _limiter?.AttemptAcquire(Key(address));
        if (_options.FreeAttemptsPerAccount <= 0)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        if (_accounts.Count >= MaxTrackedAccounts)
        {
            Forget(now);
        }

        // Full of names that all wait (a flood of guesses from very many addresses): names already counted go on, new ones
        // are not remembered until room is free again; known and unknown names alike.
        var key = AccountKey(email);
        if (!_accounts.TryGetValue(key, out var failures))
        {
            if (_accounts.Count >= MaxTrackedAccounts)
            {
                return;
            }

            failures = _accounts.GetOrAdd(key, _ => new AccountFailures());
        }

        lock (failures)
        {
            // A name that has not failed for a long while (ten times the longest wait) starts again.
            if (now - failures.LastFailure > TimeSpan.FromSeconds(_options.MaxDelaySeconds * 10.0))
            {
                failures.Count = 0;
            }

            failures.Count++;
            failures.LastFailure = now;
            var over = failures.Count - _options.FreeAttemptsPerAccount;
            if (over >= 0)
            {
                var seconds = Math.Min(_options.MaxDelaySeconds, _options.FirstDelaySeconds * Math.Pow(2, Math.Min(over, 30)));
                failures.WaitUntil = now + TimeSpan.FromSeconds(seconds);
            }
        }
    }

    /// <summary>Forgets the failures of an account name (after a correct sign-in or an administrator's unlock).</summary>
    public void Reset(string email) => _accounts.TryRemove(AccountKey(email), out _);

    public void Dispose() => _limiter?.Dispose();

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, failures) in _accounts)
        {
            if (failures.WaitUntil <= now)
            {
                _accounts.TryRemove(key, out _);
            }
        }
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    private static string AccountKey(string email)
    {
        var name = email.Trim().ToUpperInvariant();
        return name.Length > 256 ? name[..256] : name;
    }

    private sealed class AccountFailures
    {
        public int Count { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset WaitUntil { get; set; }
    }
}
