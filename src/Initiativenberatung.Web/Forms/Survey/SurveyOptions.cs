namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>Section <c>Forms:Survey</c>: spam defence of the public form post.</summary>
public sealed class SurveyOptions
{
    public const string SectionName = "Forms:Survey";

    /// <summary>
    /// A submission faster than this after the form was first shown is treated as a bot: it gets the success answer and
    /// nothing is stored. Default 3 seconds.
    /// </summary>
    public double MinimumFillSeconds { get; set; } = 3;

    /// <summary>A form state older than this (hours) is rejected as expired (default one day).</summary>
    public double StateLifetimeHours { get; set; } = 24;

    /// <summary>Posts allowed per connection address and window (the address is only kept in memory, never logged or stored).</summary>
    public int RateLimitPermits { get; set; } = 20;

    /// <summary>Length of the rate-limit window in seconds.</summary>
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>Largest accepted request body in bytes (answers, state and token).</summary>
    public long MaxRequestBytes { get; set; } = 256 * 1024;
}
