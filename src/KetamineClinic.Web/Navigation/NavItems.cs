using KetamineClinic.Domain.Staff;
using MudBlazor;

namespace KetamineClinic.Web.Navigation;

/// <summary>One entry of the navigation menu and the roles it is shown to.</summary>
public sealed record NavItem(string Title, string Href, string Icon, IReadOnlyList<string> ShownTo, string Description);

/// <summary>
/// The navigation by role. Nurses open charts from the floor rather than the registry, so "Patients" is not in their
/// menu although they may read a chart. Tests check that every role can open every link it is shown.
/// </summary>
public static class NavItems
{
    public static readonly IReadOnlyList<NavItem> All =
    [
        new("Today's floor", "floor", Icons.Material.Filled.EventSeat, [StaffRoles.Nurse, StaffRoles.Clinician], "Every chair today: phase, next reading due, alerts."),
        new("Patients", "patients", Icons.Material.Filled.People, [StaffRoles.IntakeStaff, StaffRoles.Clinician], "Find or register a patient; open a chart."),
        new("Calendar", "calendar", Icons.Material.Filled.CalendarMonth, [StaffRoles.IntakeStaff, StaffRoles.Nurse, StaffRoles.Clinician], "Chairs, nurses and clinicians by day and week."),
        new("Follow-ups", "follow-ups", Icons.Material.Filled.EventRepeat, [StaffRoles.IntakeStaff, StaffRoles.Clinician], "Follow-up appointments to book after finished courses."),
        new("Reviews", "reviews", Icons.Material.Filled.FactCheck, [StaffRoles.Clinician], "Sessions to sign, open alerts, courses at review."),
        new("Reports", "reports", Icons.Material.Filled.Insights, [StaffRoles.Clinician, StaffRoles.Administrator], "Infusions, chair use, attendance, outcomes and side effects, with CSV exports."),
        new("Staff", "admin/staff", Icons.Material.Filled.ManageAccounts, [StaffRoles.Administrator], "Staff accounts, roles, two-factor resets."),
        new("API clients", "admin/api-clients", Icons.Material.Filled.Key, [StaffRoles.Administrator], "Register reporting and integration clients."),
        new("Chairs and hours", "admin/chairs-and-hours", Icons.Material.Filled.EventSeat, [StaffRoles.Administrator], "Chairs, opening hours, closed dates."),
        new("Staff availability", "admin/availability", Icons.Material.Filled.EventAvailable, [StaffRoles.Administrator], "Staff working hours, time off, scheduling settings."),
        new("Settings", "admin/settings", Icons.Material.Filled.Settings, [StaffRoles.Administrator], "Clinic name, time zone and record-number format."),
        new("Protocols", "admin/protocols", Icons.Material.Filled.MedicalServices, [StaffRoles.Administrator], "Infusion protocols and their versions."),
        new("Consent text", "admin/consent", Icons.Material.Filled.Gavel, [StaffRoles.Administrator], "The consent document patients sign, by version."),
        new("Audit", "admin/audit", Icons.Material.Filled.Policy, [StaffRoles.Administrator], "Who did what, when; verify the chain."),
    ];

    public static IEnumerable<NavItem> For(Func<string, bool> isInRole) =>
        All.Where(item => item.ShownTo.Any(isInRole));
}
