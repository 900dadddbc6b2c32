using MudBlazor;

namespace KetamineClinic.Web.Components.Layout;

public static class ClinicTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#5c6b73",
            AppbarBackground = "#1f5f8b",
            Error = "#b00020",
            Warning = "#b26a00",
            Success = "#2e7d32",
        },
    };
}
