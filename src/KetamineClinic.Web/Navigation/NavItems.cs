using KetamineClinic.Domain.Staff;
using MudBlazor;

namespace KetamineClinic.Web.Navigation;

/// <summary>One entry of the navigation menu and the roles it is shown to.</summary>
public sealed record NavItem(string Title, string Href, string Icon, IReadOnlyList<string> ShownTo);

/// <summary>
/// The navigation by role. Nurses open charts from the floor rather than the registry, so "Patients" is not in their
/// menu although they may read a chart. Tests check that every role can open every link it is shown.
/// </summary>
public static class NavItems
{
    public static readonly IReadOnlyList<NavItem> All =
    [
        new("Today's floor", "floor", Icons.Material.Filled.EventSeat, [StaffRoles.Nurse]),
        new("Patients", "patients", Icons.Material.Filled.People, [StaffRoles.IntakeStaff, StaffRoles.Clinician]),
        new("Calendar", "calendar", Icons.Material.Filled.CalendarMonth, [StaffRoles.IntakeStaff, StaffRoles.Nurse, StaffRoles.Clinician]),
        new("Reviews", "reviews", Icons.Material.Filled.FactCheck, [StaffRoles.Clinician]),
        new("Staff", "admin/staff", Icons.Material.Filled.ManageAccounts, [StaffRoles.Administrator]),
        new("API clients", "admin/api-clients", Icons.Material.Filled.Key, [StaffRoles.Administrator]),
        new("Settings", "admin/settings", Icons.Material.Filled.Settings, [StaffRoles.Administrator]),
        new("Audit", "admin/audit", Icons.Material.Filled.Policy, [StaffRoles.Administrator]),
    ];

    public static IEnumerable<NavItem> For(Func<string, bool> isInRole) =>
        All.Where(item => item.ShownTo.Any(isInRole));
}
