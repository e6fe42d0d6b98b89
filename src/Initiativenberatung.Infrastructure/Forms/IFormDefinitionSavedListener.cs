using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Infrastructure.Forms;

/// <summary>
/// Runs after the form builder stored a definition (e.g. the survey's in-memory definition cache reloads).
/// </summary>
public interface IFormDefinitionSavedListener
{
    Task OnFormSavedAsync(FormDefinition form, bool created, CancellationToken cancellationToken);
}
