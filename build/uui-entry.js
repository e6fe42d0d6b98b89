// The whole Umbraco UI Library registers its custom elements (uui-button, uui-input, …) when imported.
import "@umbraco-ui/uui";
