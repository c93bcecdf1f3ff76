namespace LandQuality.Review.Queue;

/// <summary>
/// A person who works the queues: one role in one jurisdiction (a commune code for commune staff,
/// a province code for department and police). They see and claim only tasks of that role and
/// jurisdiction, plus, for a supervisor role, tasks escalated to it there.
/// </summary>
public sealed partial class Reviewer
{
    public required string UserName { get; init; }
    public required string FullName { get; init; }
    public required string Role { get; init; }
    public required string Jurisdiction { get; init; }
}

/// <summary>The roles of the campaign and what each may see of personal data.</summary>
public static partial class Roles
{
    public const string CommuneOfficer = "commune_officer";
    public const string CommuneSupervisor = "commune_supervisor";
    public const string DepartmentReviewer = "department_reviewer";
    public const string DepartmentSupervisor = "department_supervisor";
    public const string PoliceOfficer = "police_officer";
    public const string PoliceSupervisor = "police_supervisor";
    public const string Auditor = "auditor";
    public const string PolicyStaff = "policy_staff";
    /// <summary>Runs the installation: the background-job dashboard (/hangfire). Works no queue and sees no personal data beyond masked ID numbers.</summary>
    public const string Administrator = "administrator";

    /// <summary>Supervisors may see escalated tasks of their staff's role and reassign them.</summary>
    public static bool IsSupervisorOf(string supervisorRole, string role) => (supervisorRole, role) switch
    {
        (CommuneSupervisor, CommuneOfficer) or (DepartmentSupervisor, DepartmentReviewer) or (PoliceSupervisor, PoliceOfficer) => true,
        _ => false,
    };

    /// <summary>Supervisors claim only tasks escalated to their role (the claim-next statement takes this list as a parameter).</summary>
    public static IReadOnlyList<string> SupervisorRoles { get; } = [CommuneSupervisor, DepartmentSupervisor, PoliceSupervisor];

    public static bool IsSupervisorRole(string role) => SupervisorRoles.Contains(role);

    /// <summary>Only those who check identity against documents or the registry see whole ID numbers.</summary>
    public static bool SeesFullIdNumbers(string role) => role is CommuneOfficer or CommuneSupervisor or PoliceOfficer or PoliceSupervisor;

    /// <summary>
    /// The ID numbers inside a free text (a reason, a finding's detail, a history line), masked as <see cref="MaskIdNumber"/>
    /// masks one, for roles that do not check identity.
    /// </summary>
    public static string? MaskIdNumbersIn(string role, string? text) =>
        text is null || SeesFullIdNumbers(role) ? text : IdNumberInText().Replace(text, m => MaskIdNumber(role, m.Value)!);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\d)(\d{12}|\d{9})(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex IdNumberInText();

    /// <summary>"046080001234" → "046*******34": the province code and the last two digits stay readable.</summary>
    public static string? MaskIdNumber(string role, string? idNumber) =>
        idNumber is null || SeesFullIdNumbers(role) ? idNumber : Masked(idNumber);

    /// <summary>The ID number masked whoever reads it (a printed notice, which travels by post).</summary>
    public static string Masked(string idNumber) =>
        idNumber.Length < 6 ? new string('*', idNumber.Length) : idNumber[..3] + new string('*', idNumber.Length - 5) + idNumber[^2..];
}
