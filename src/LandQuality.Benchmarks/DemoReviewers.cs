using System.Globalization;
using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Benchmarks;

/// <summary>
/// Reviewer accounts for a province's demo: per commune <c>officersPerCommune</c> officers
/// (<c>xa.CODE.N</c>) and a supervisor (<c>xa.CODE.truong</c>); at the province, department reviewers
/// (<c>so.N</c>), police officers (<c>ca.N</c>), their supervisors, an auditor and a policy officer.
/// Existing accounts are kept. Made-up people, so not part of the domain: <c>lq demo</c>,
/// <c>lq review seed-reviewers</c>, <see cref="ReviewBenchmark"/> and the review tests use them.
/// </summary>
public static class DemoReviewers
{
    public static async Task<int> SeedAsync(Database database, string provinceCode, int officersPerCommune, int provinceStaff, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var list = new List<Reviewer>();
        foreach (var c in ReferenceData.Current.CommunesOf(provinceCode))
        {
            for (var i = 1; i <= officersPerCommune; i++)
                list.Add(new Reviewer { UserName = $"xa.{c.Code}.{i}", FullName = $"Cán bộ địa chính {c.Name} {i}", Role = Roles.CommuneOfficer, Jurisdiction = c.Code });
            list.Add(new Reviewer { UserName = $"xa.{c.Code}.truong", FullName = $"Lãnh đạo {c.Name}", Role = Roles.CommuneSupervisor, Jurisdiction = c.Code });
        }
        for (var i = 1; i <= provinceStaff; i++)
        {
            list.Add(new Reviewer { UserName = string.Create(inv, $"so.{i}"), FullName = $"Chuyên viên Sở NN&MT {i}", Role = Roles.DepartmentReviewer, Jurisdiction = provinceCode });
            list.Add(new Reviewer { UserName = string.Create(inv, $"ca.{i}"), FullName = $"Cán bộ Công an {i}", Role = Roles.PoliceOfficer, Jurisdiction = provinceCode });
        }
        list.Add(new Reviewer { UserName = "so.truong", FullName = "Lãnh đạo Sở NN&MT", Role = Roles.DepartmentSupervisor, Jurisdiction = provinceCode });
        list.Add(new Reviewer { UserName = "ca.truong", FullName = "Lãnh đạo Công an", Role = Roles.PoliceSupervisor, Jurisdiction = provinceCode });
        list.Add(new Reviewer { UserName = "kiemtoan", FullName = "Kiểm toán viên", Role = Roles.Auditor, Jurisdiction = provinceCode });
        list.Add(new Reviewer { UserName = "chinhsach", FullName = "Cán bộ chính sách", Role = Roles.PolicyStaff, Jurisdiction = provinceCode });

        await using var db = database.CreateContext();
        var existing = (await db.Reviewers.Select(r => r.UserName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = list.Where(r => !existing.Contains(r.UserName)).ToList();
        db.Reviewers.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added.Count;
    }
}
