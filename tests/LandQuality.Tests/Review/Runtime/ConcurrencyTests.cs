using LandQuality.Review.Definitions;
using LandQuality.Review.Runtime;
using LandQuality.Rules;

namespace LandQuality.Tests.Review.Runtime;

public class ConcurrencyTests
{
    /// <summary>Walks one case to its end: the context says which findings are open until the first re-check.</summary>
    static string Walk(WorkflowDefinition definition, ReviewContext context)
    {
        var path = new List<string> { definition.InitialStage };
        var result = WorkflowRuntime.Decide(definition, "commune", "submit_corrections", context, hasCorrections: true);
        while (result is Transitioned moved && moved.Next != NextStep.Closed)
        {
            path.Add(moved.To);
            context = context with { PoliceConfirmed = moved.PoliceConfirmed, Round = moved.Round };
            result = moved.Next == NextStep.RunAutomatic
                ? WorkflowRuntime.ResolveAutomatic(definition, moved.To, ReviewContext.FromFindings([], context.PoliceConfirmed, context.Round))
                : WorkflowRuntime.Decide(definition, moved.To, moved.To == "police" ? "confirm" : "approve", context);
        }
        path.Add(Assert.IsType<Transitioned>(result).To);
        return string.Join(" → ", path);
    }

    [Fact]
    public void Many_threads_on_one_cached_definition_each_get_their_own_consistent_result()
    {
        var definition = WorkflowFiles.Default;
        ReviewContext[] contexts =
        [
            ReviewContext.FromFindings([ReviewStage.Commune]),
            ReviewContext.FromFindings([ReviewStage.Police]),
            ReviewContext.FromFindings([ReviewStage.Department, ReviewStage.Police]),
            ReviewContext.FromFindings([ReviewStage.Police], policeConfirmed: true),
        ];
        var expected = contexts.Select(c => Walk(definition, c)).ToArray();
        var results = new string[4000];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = Walk(definition, contexts[i % contexts.Length]));

        Assert.Equal("commune → department → reevaluate → verified", expected[0]);
        Assert.Equal("commune → department → police → reevaluate → verified", expected[1]);
        Assert.Equal(expected[1], expected[2]);
        Assert.Equal(expected[0], expected[3]);
        for (var i = 0; i < results.Length; i++)
            Assert.Equal(expected[i % contexts.Length], results[i]);
    }
}
