namespace LandQuality.Review.Definitions;

/// <summary>
/// The checks that need the whole definition: ids unique, routes well-formed and leading to real
/// stages, every stage reachable from the initial one, and every stage able to end. A case must
/// never sit in a stage nobody can reach or leave.
/// </summary>
static class WorkflowGraphChecks
{
    public static IEnumerable<WorkflowProblem> Check(WorkflowDefinition w)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < w.Stages.Count; i++)
        {
            var stage = w.Stages[i];
            if (stage.Id.Length > 0 && !firstIndex.TryAdd(stage.Id, i))
                yield return new($"stages[{i}].id", $"\"{stage.Id}\" is already the id of stages[{firstIndex[stage.Id]}]");
        }
        for (var i = 0; i < w.Stages.Count; i++)
            foreach (var problem in CheckStage(w, w.Stages[i], $"stages[{i}]", firstIndex))
                yield return problem;
        // With a missing initial stage or a route to nowhere, "unreachable" would only echo that problem.
        if (w.Stage(w.InitialStage) is null || w.Stages.SelectMany(Targets).Any(to => !firstIndex.ContainsKey(to)))
            yield break;
        var reached = Reach([w.InitialStage], s => Targets(w.Stage(s)));
        var canEnd = Reach(w.Stages.Where(s => s.IsTerminal).Select(s => s.Id),
            s => w.Stages.Where(from => Targets(from).Contains(s)).Select(from => from.Id));
        for (var i = 0; i < w.Stages.Count; i++)
        {
            var stage = w.Stages[i];
            if (stage.Id.Length == 0 || firstIndex[stage.Id] != i)
                continue;
            if (!stage.IsTerminal && !reached.Contains(stage.Id))
                yield return new($"stages[{i}]", $"stage \"{stage.Id}\" cannot be reached from the initial stage \"{w.InitialStage}\"");
            // A stage with no way out at all already has its missing decisions or "next" reported.
            if (!canEnd.Contains(stage.Id) && Targets(stage).Any())
                yield return new($"stages[{i}]", $"stage \"{stage.Id}\" cannot reach a terminal stage: its cases could never end");
        }
    }

    static IEnumerable<WorkflowProblem> CheckStage(WorkflowDefinition w, StageDefinition stage, string path, Dictionary<string, int> ids)
    {
        var decisionIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < stage.Decisions.Count; j++)
        {
            var decision = stage.Decisions[j];
            var decisionPath = $"{path}.decisions[{j}]";
            if (decision.Id.Length > 0 && !decisionIds.TryAdd(decision.Id, j))
                yield return new($"{decisionPath}.id", $"\"{decision.Id}\" is already the id of decisions[{decisionIds[decision.Id]}] of this stage");
            if (decision.To is null)
                continue;
            foreach (var problem in CheckTarget(w, stage, decision.To, $"{decisionPath}.to", ids))
                yield return problem;
            // Parking is an explicit, explained choice: the reason is what the register keeps.
            if (!decision.RequiresReason && decision.To.Routes.Count > 0
                && decision.To.Routes.All(r => w.Stage(r.To) is { Outcome: TerminalOutcome.Parked }))
                yield return new($"{decisionPath}.requiresReason", "must be true: a decision that parks a case needs a reason");
        }
        if (stage.IsAutomatic && stage.Next is not null)
            foreach (var problem in CheckTarget(w, stage, stage.Next, $"{path}.next", ids))
                yield return problem;
    }

    static IEnumerable<WorkflowProblem> CheckTarget(WorkflowDefinition w, StageDefinition from, Target target, string path, Dictionary<string, int> ids)
    {
        if (target.Routes.Count == 0)
        {
            yield return new(path, "needs at least one route, ending with an unguarded { \"to\": stage }");
            yield break;
        }
        for (var k = 0; k < target.Routes.Count; k++)
        {
            var route = target.Routes[k];
            var routePath = target.IsList ? $"{path}[{k}]" : path;
            var toPath = target.IsList ? $"{routePath}.to" : path;
            var last = k == target.Routes.Count - 1;
            if (route.When is null && !last)
                yield return new(routePath, "only the last route may be unguarded: the routes after it could never be taken");
            if (route.When is not null && last)
                yield return new(routePath, $"the last route must be an unguarded fallback {{ \"to\": stage }}, taken when \"{route.When}\" does not hold");
            if (route.When is not null && !ReviewGuards.IsKnown(route.When))
                yield return new($"{routePath}.when", $"\"{route.When}\" is not a known guard: {ReviewGuards.KnownNames}");
            if (route.To.Length == 0)
                yield return new(toPath, "is required: the id of the next stage");
            else if (!ids.ContainsKey(route.To))
                yield return new(toPath, $"\"{route.To}\" is not a stage of this workflow (stages: {string.Join(", ", ids.Keys)})");
            else if (from.IsAutomatic && route.To == from.Id)
                yield return new(toPath, "an automatic stage cannot lead to itself: it would loop without anyone acting");
        }
    }

    /// <summary>The ids a stage can lead to, through any decision or route.</summary>
    internal static IEnumerable<string> Targets(StageDefinition? stage) =>
        stage is null ? [] : stage.Decisions.Select(d => d.To).Append(stage.Next).OfType<Target>().SelectMany(t => t.Routes).Select(r => r.To);

    static HashSet<string> Reach(IEnumerable<string> start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(start, StringComparer.Ordinal);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
            foreach (var to in next(id))
                if (seen.Add(to))
                    queue.Enqueue(to);
        return seen;
    }
}
