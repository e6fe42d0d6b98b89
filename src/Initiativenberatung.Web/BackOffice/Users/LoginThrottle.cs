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
}

/// <summary>
/// Rate limit of <c>POST /umbraco/login</c> per client address (a fixed window from
/// <c>System.Threading.RateLimiting</c>, the limiter behind ASP.NET Core's rate-limiting middleware). Only failed
/// sign-ins use up permits, so people who sign in correctly are never slowed down, while guessing from one address
/// stops after <see cref="LoginThrottleOptions.FailedAttemptsPerMinute"/> tries a minute (the per-account lockout
/// covers guessing from many addresses). Kept inside the login instead of the middleware so it needs no pipeline change.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public LoginThrottle(IOptions<LoginThrottleOptions> options)
    {
        var permits = options.Value.FailedAttemptsPerMinute;
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

    public void RecordFailure(IPAddress? address)
    {
        using var lease = _limiter?.AttemptAcquire(Key(address));
    }

    public void Dispose() => _limiter?.Dispose();

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";
}
