using System.CommandLine;
using System.Text.Json;
using LandQuality.Review.Cases;
using LandQuality.Reference;
using LandQuality.Review.Queue;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq review …</c>: a reviewer's work from the command line (the queue, claims, decisions).</summary>
public static class ReviewCommand
{
    internal static JsonSerializerOptions Json => ReviewJson.Options;

    public static Command Create()
    {
        var review = new Command("review", "Work review queues as a registered reviewer (--user).");
        var user = new Option<string>("--user") { Description = "Reviewer user name.", Required = true };
        var task = new Argument<long>("TASK");

        var seed = new Command("seed-reviewers", "Create demo reviewer accounts for Huế (officers per commune, department, police, supervisors).");
        var perCommune = new Option<int>("--per-commune") { DefaultValueFactory = _ => 2, Description = "Officers per commune." };
        var province = new Option<int>("--province-staff") { DefaultValueFactory = _ => 5, Description = "Department and police reviewers each." };
        seed.Options.Add(perCommune);
        seed.Options.Add(province);
        seed.SetAction((p, ct) => Run(async db => await DemoReviewers.SeedAsync(db, ReferenceData.HueProvinceCode, p.GetValue(perCommune), p.GetValue(province), ct), ct));

        var queue = new Command("queue", "The reviewer's open and held tasks, best first.");
        queue.Options.Add(user);
        queue.SetAction((p, ct) => Run(async db => await new ReviewQueue(db).ListAsync(p.GetValue(user)!, 50, ct), ct));

        var next = new Command("claim-next", "Claim the best open task of your role in your jurisdiction.");
        next.Options.Add(user);
        next.SetAction((p, ct) => Run(async db => (object?)await new ReviewQueue(db).ClaimNextAsync(p.GetValue(user)!, ct) ?? "no open task", ct));

        var claim = new Command("claim", "Claim one task of your role in your jurisdiction (printed as claim-next prints it).");
        claim.Options.Add(user);
        claim.Arguments.Add(task);
        claim.SetAction((p, ct) => Run(async db => await new ReviewQueue(db).ClaimAsync(p.GetValue(user)!, p.GetValue(task), ct), ct));

        var show = new Command("show", "A task with the whole parcel record, each owner beside the population registry (ID numbers masked where your role "
            + "does not need them), the findings, the parcels behind cross-record findings, the corrections proposed in the case and the reasons of earlier returns.");
        show.Options.Add(user);
        show.Arguments.Add(task);
        show.SetAction((p, ct) => Run(async db => await TaskDetails.LoadAsync(db, p.GetValue(user)!, p.GetValue(task), ct), ct));

        var release = new Command("release", "Give a claimed task back to the queue.");
        release.Options.Add(user);
        release.Arguments.Add(task);
        release.SetAction((p, ct) => Run(async db => await new ReviewQueue(db).ReleaseAsync(p.GetValue(user)!, p.GetValue(task), ct), ct));

        var to = new Option<string>("--to") { Description = "Reviewer to hand the task to.", Required = true };
        var reassign = new Command("reassign", "Supervisor: hand a task to another reviewer of its role and jurisdiction.");
        reassign.Options.Add(user);
        reassign.Options.Add(to);
        reassign.Arguments.Add(task);
        reassign.SetAction((p, ct) => Run(async db => await new ReviewQueue(db).ReassignAsync(p.GetValue(user)!, p.GetValue(task), p.GetValue(to)!, ct), ct));

        var decision = new Option<string>("--decision") { Required = true, Description = "One of the stage's decisions (see show)." };
        var revision = new Option<int>("--revision") { Required = true, Description = "The task revision you read (show prints it)." };
        var reason = new Option<string?>("--reason");
        var set = new Option<string[]>("--set") { Description = "A correction FIELD=VALUE (an empty VALUE clears), e.g. certificate_serial=CS 123456, owners[1].id_number=046080001234, land_use=ODT:120;CLN:85.5, owners[+]=full_name=…;birth_date=…;gender=…;id_number=…;share=… (add), owners[2]= (remove), owners[2]=full_name=… (replace), retire_duplicate=PARCEL_ID.", AllowMultipleArgumentsPerToken = false };
        var op = new Option<string?>("--op") { Description = "Operation id; repeating a request with the same id changes nothing." };
        var decide = new Command("decide", "Complete a claimed task with a decision (and corrections).");
        foreach (var o in new Option[] { user, decision, revision, reason, set, op })
            decide.Options.Add(o);
        decide.Arguments.Add(task);
        decide.SetAction((p, ct) => Run(async db =>
        {
            var changes = (p.GetValue(set) ?? []).Select(s => s.Split('=', 2)).Select(kv => new FieldChange(kv[0], kv.Length > 1 && kv[1].Length > 0 ? kv[1] : null)).ToList();
            var request = new DecisionRequest(p.GetValue(user)!, p.GetValue(task), p.GetValue(revision), p.GetValue(decision)!,
                p.GetValue(op) ?? Guid.NewGuid().ToString("N"), p.GetValue(reason), changes);
            return await new DecisionService(db).DecideAsync(request, ct);
        }, ct));

        foreach (var c in new[] { seed, queue, next, claim, show, release, reassign, decide })
            review.Subcommands.Add(c);
        return review;
    }

    /// <summary>Prints the result as JSON; a refused request (not your task, changed since you read it, …) ends in CliFailure's one line.</summary>
    static async Task<int> Run(Func<Data.Database, Task<object>> action, CancellationToken ct)
    {
        await using var database = await CliDatabase.OpenAsync(ct);
        Console.WriteLine(JsonSerializer.Serialize(await action(database), Json));
        return 0;
    }
}
