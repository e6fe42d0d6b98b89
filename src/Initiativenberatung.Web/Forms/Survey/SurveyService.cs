using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>Starts a survey (first page, fresh signed state) and reads the state back; SQL-free.</summary>
public sealed class SurveyService(FormDefinitionCache forms, SurveyStateProtector protector, IOptions<SurveyOptions> options, TimeProvider clock)
{
    public const string ViewDataKey = "Survey";

    /// <summary>The first page of the form of a survey page, or <c>null</c> when the form is unknown or empty.</summary>
    public SurveyFormModel? Start(Guid formKey, Guid contentKey)
    {
        if (forms.Get(formKey) is not { Pages.Count: > 0 } form)
        {
            return null;
        }

        var state = new SurveyState(form.Key, contentKey, 0, clock.GetUtcNow().ToUnixTimeMilliseconds(), [], Guid.NewGuid());
        var values = form.AllFields()
            .Where(f => f.Type == FormFieldType.Hidden && f.Settings.TryGetValue("defaultValue", out var v) && v.Length > 0)
            .ToDictionary(f => f.Alias, f => new[] { f.Settings["defaultValue"] }, StringComparer.Ordinal);
        return new SurveyFormModel(form, 0, values, new Dictionary<string, IReadOnlyList<string>>(), protector.Protect(state));
    }

    public string Protect(SurveyState state) => protector.Protect(state);

    /// <summary>The posted state, or <c>null</c> when it is missing, forged or older than the allowed lifetime.</summary>
    public SurveyState? ReadState(string? token)
    {
        var state = protector.Unprotect(token);
        if (state is null)
        {
            return null;
        }

        // A time outside DateTimeOffset's range is as broken as a forged token (and must not throw).
        if (state.IssuedAtUnixMs < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || state.IssuedAtUnixMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return null;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(state.IssuedAtUnixMs);
        if (age > TimeSpan.FromHours(options.Value.StateLifetimeHours) || age < TimeSpan.FromMinutes(-5))
        {
            return null;
        }

        // A state from before survey ids: one derived from its token, carried on to the later pages.
        return state.SurveyId == Guid.Empty
            ? state with { SurveyId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(token!)).AsSpan(0, 16)) }
            : state;
    }

    /// <summary>The survey's single-use token: spent with its entry, kept until the state could no longer be posted.</summary>
    public SubmissionToken OnceToken(SurveyState state) => SubmissionToken.For(
        "survey",
        state.SurveyId.ToString("N"),
        DateTimeOffset.FromUnixTimeMilliseconds(state.IssuedAtUnixMs) + TimeSpan.FromHours(options.Value.StateLifetimeHours) + TimeSpan.FromHours(1));
}

/// <summary>
/// Fixed-window rate limit of public form posts (the HTML survey and the Forms delivery API share one budget),
/// partitioned by the client address (behind a trusted proxy the forwarded one, see <c>SecurityRegistration</c>). The
/// address lives only in this in-memory limiter (never logged or stored).
/// </summary>
public sealed class SurveyRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public SurveyRateLimiter(IOptions<SurveyOptions> options)
    {
        var permits = Math.Max(1, options.Value.RateLimitPermits);
        var window = TimeSpan.FromSeconds(Math.Max(1, options.Value.RateLimitWindowSeconds));
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    public RateLimitLease Acquire(HttpContext context) => _limiter.AttemptAcquire(context);

    public void Dispose() => _limiter.Dispose();
}
