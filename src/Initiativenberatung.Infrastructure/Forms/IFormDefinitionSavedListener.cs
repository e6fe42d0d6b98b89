using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Infrastructure.Forms;

/// <summary>
/// Runs after the form builder stored a definition (hook for caches of form definitions; there is none yet, the
/// <see cref="FormDefinitionStore"/> reads the database on every call).
/// </summary>
public interface IFormDefinitionSavedListener
{
    Task OnFormSavedAsync(FormDefinition form, bool created, CancellationToken cancellationToken);
}
