using LandQuality.Review.Definitions;
using Stateless;

namespace LandQuality.Review.Runtime;

/// <summary>
/// Builds a Stateless machine from a definition: each decision (or an automatic stage's action) is
/// a trigger. Machines are not thread-safe and cheap to build, so every transition gets its own,
/// over a state held by the caller.
/// </summary>
static class WorkflowMachine
{
    /// <summary>The label of the last, unguarded route of a list.</summary>
    public const string Fallback = "otherwise";

    public static StateMachine<string, string> Build(WorkflowDefinition definition, Func<string> read, Action<string> write, Func<ReviewContext> context)
    {
        var machine = new StateMachine<string, string>(read, write);
        foreach (var stage in definition.Stages)
        {
            var config = machine.Configure(stage.Id);
            foreach (var decision in stage.Decisions)
                if (decision.To is { } to)
                    Permit(config, stage.Id, decision.Id, to, context);
            if (stage is { IsAutomatic: true, Action: { } action, Next: { } next })
                Permit(config, stage.Id, action, next, context);
        }
        return machine;
    }

    // Routes are tried in order; Stateless wants exactly one guard to hold, so route k's guard is
    // "k holds and no earlier one does", and the fallback's is "no earlier one does".
    static void Permit(StateMachine<string, string>.StateConfiguration config, string from, string trigger, Target target, Func<ReviewContext> context)
    {
        if (target.Routes is [{ When: null } only])
        {
            if (only.To == from)
                config.PermitReentry(trigger);
            else
                config.Permit(trigger, only.To);
            return;
        }
        var earlier = new List<Func<ReviewContext, bool>>();
        foreach (var route in target.Routes)
        {
            var before = earlier.ToArray();
            var own = route.When is null ? null : Guard(route.When);
            bool Holds()
            {
                var c = context();
                return !before.Any(g => g(c)) && (own is null || own(c));
            }
            var description = route.When ?? Fallback;
            if (route.To == from)
                config.PermitReentryIf(trigger, Holds, description);
            else
                config.PermitIf(trigger, route.To, Holds, description);
            if (own is not null)
                earlier.Add(own);
        }
    }

    static Func<ReviewContext, bool> Guard(string name) =>
        ReviewGuards.All.TryGetValue(name, out var guard)
            ? guard
            : throw new InvalidOperationException($"Unknown guard \"{name}\": run definitions through WorkflowFile/WorkflowValidator before use.");
}
