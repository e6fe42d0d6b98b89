using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;

namespace Initiativenberatung.Web.Forms;

/// <summary>
/// The outcome of a submission: the validation result, whether an entry was committed, and whether its single-use token
/// had been spent before (a replay: answered like success, nothing stored).
/// </summary>
public sealed record FormSubmissionOutcome(FormValidationResult Validation, bool Stored, bool AlreadySubmitted = false)
{
    public bool IsValid => Validation.IsValid;
}

/// <summary>
/// The last step of every form post, whatever the channel (HTML survey, Forms delivery API): every rule of the form on
/// the server (<see cref="FormValidator"/>, conditions included), then the durable append. Success is reported only after
/// the entry is committed. Nothing about the sender is passed in, so nothing about them can be stored.
/// </summary>
public sealed class FormSubmissionService(FormEntryStore entries)
{
    /// <param name="form">The definition.</param>
    /// <param name="answers">Alias → answers.</param>
    /// <param name="discard">Validate, but store nothing (spam defence: the sender gets the normal answer).</param>
    /// <param name="once">The post's single-use token (survey id, Forms API token), spent with the entry; <c>null</c> for trusted server callers.</param>
    public async Task<FormSubmissionOutcome> SubmitAsync(
        FormDefinition form, IReadOnlyDictionary<string, string[]> answers, bool discard = false, SubmissionToken? once = null)
    {
        var result = FormValidator.Validate(form, answers);
        if (!result.IsValid || discard || !form.StoreRecordsLocally)
        {
            return new FormSubmissionOutcome(result, Stored: false);
        }

        // Not cancellable: once validated, the entry is committed even when the sender hangs up.
        var stored = await entries.AppendOnceAsync(form, result.Values, once, CancellationToken.None);
        return new FormSubmissionOutcome(result, Stored: stored is not null, AlreadySubmitted: stored is null);
    }

    /// <summary>True when the post's single-use token was spent by an earlier post (answer it like a completed one).</summary>
    public Task<bool> WasSubmittedAsync(SubmissionToken once) => entries.IsSpentAsync(once);
}
