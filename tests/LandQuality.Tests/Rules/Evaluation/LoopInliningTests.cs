using System.Linq.Expressions;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.Evaluation;

/// <summary>
/// All/Any written out as loops answer as the LINQ calls do, stop at the same element (so throw
/// exactly when they throw), and leave sources that are neither arrays nor lists to LINQ.
/// </summary>
public class LoopInliningTests
{
    static Func<ParcelFacts, bool> Compile(string expression, bool inline, out Expression tree)
    {
        var input = Scope.Input.Parameters[0];
        var parsed = RuleSettings.CreateParser().Parse(expression, [input], typeof(bool));
        tree = inline ? LoopInlining.Apply(parsed) : parsed;
        return Expression.Lambda<Func<ParcelFacts, bool>>(tree, input).Compile();
    }

    static ParcelFacts Parcel(params string?[] names) => new()
    {
        ParcelId = "p", CommuneCode = "19753",
        Owners = names.Select((n, i) => new OwnerFacts { Seq = i + 1, FullName = n, BirthYear = 1950 + i }).ToList(),
    };

    static string Outcome(Func<ParcelFacts, bool> rule, ParcelFacts parcel)
    {
        try
        {
            return rule(parcel).ToString();
        }
        catch (Exception ex)
        {
            return ex.GetType().Name;
        }
    }

    [Theory]
    [InlineData("input1.Owners.All(o => o.FullName.Length > 2)")]
    [InlineData("input1.Owners.Any(o => o.FullName.Length > 4)")]
    [InlineData("input1.Owners.All(o => o.BirthYear < 1952 || input1.Owners.Any(x => x.FullName.Length == o.FullName.Length + 1))")]
    [InlineData("input1.Owners.Where(o => o.Seq > 0).All(o => o.FullName.Length > 2)")]
    [InlineData("input1.Owners.All(o => o.FullName.Any(c => c == 'B') || o.FullName.Length < 3)")]
    public void Loops_answer_and_throw_as_the_LINQ_calls(string expression)
    {
        var linq = Compile(expression, inline: false, out _);
        var loop = Compile(expression, inline: true, out _);
        var parcels = new[]
        {
            Parcel(), Parcel("An"), Parcel("Bình"), Parcel("Bình", null), Parcel("An", null), Parcel(null, "An"),
            Parcel("Cường", "Cườngx", "Dũng"), Parcel("Hà", "Hà", "Hàx"), Parcel("An", "Bình", null),
            Parcel("Bình", null) with { Owners = Parcel("Bình", null).Owners.ToArray() },
            Parcel("An", null) with { Owners = Parcel("An", null).Owners.ToArray() },
            // Neither array nor list: LINQ enumerates it.
            Parcel("An", null) with { Owners = Parcel("An", null).Owners.ToList().AsReadOnly() },
            Parcel("Bình", null) with { Owners = Parcel("Bình", null).Owners.ToList().AsReadOnly() },
        };
        foreach (var parcel in parcels)
            Assert.Equal(Outcome(linq, parcel), Outcome(loop, parcel));
        // The parcels reach both a false answer and an exception, so both are compared.
        Assert.Contains(parcels, p => Outcome(loop, p).EndsWith("Exception", StringComparison.Ordinal));
        Assert.Contains("False", parcels.Select(p => Outcome(loop, p)));
    }

    [Fact]
    public void All_and_Any_with_a_lambda_become_loops()
    {
        Compile("input1.Owners.All(o => o.FullName != null) && input1.Purposes.Any(p => p.Code == \"ONT\")", inline: true, out var tree);
        // Each call gets a loop over arrays (what the facts reader builds) and one over lists.
        Assert.Equal(4, Nodes.Of(tree).Count(n => n is LoopExpression));
    }

    /// <summary>The screen's form: loops written out, then the lambdas left (LINQ's fallback) compiled once.</summary>
    [Theory]
    [InlineData("input1.Owners.All(o => o.BirthYear < input1.EvaluatedOn.Year - 18)")]
    [InlineData("input1.Owners.Any(o => o.BirthYear > input1.EvaluatedOn.Year)")]
    public void All_and_Any_reading_one_outer_value_allocate_nothing_per_evaluation(string expression)
    {
        var input = Scope.Input.Parameters[0];
        var screenForm = new CoreRewrites(CoreLayers.All).ForScreen(RuleSettings.CreateParser().Parse(expression, [input], typeof(bool)));
        var rule = Expression.Lambda<Func<ParcelFacts, bool>>(screenForm, input).Compile();
        var parcel = Parcel("An", "Bình") with { EvaluatedOn = new DateOnly(2025, 1, 1) };
        rule(parcel);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            rule(parcel);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    sealed class Nodes : ExpressionVisitor
    {
        readonly List<Expression> _all = [];

        public static List<Expression> Of(Expression expression)
        {
            var nodes = new Nodes();
            nodes.Visit(expression);
            return nodes._all;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is not null)
                _all.Add(node);
            return base.Visit(node);
        }
    }
}
