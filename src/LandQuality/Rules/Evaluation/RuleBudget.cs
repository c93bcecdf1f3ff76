using System.Diagnostics;
using System.Globalization;

namespace LandQuality.Rules.Evaluation;

/// <summary>A rule stopped for taking more than <see cref="RuleBudget"/> allows on one parcel: a rule error for that parcel.</summary>
public sealed class RuleBudgetExceededException(string what) : Exception(
    string.Create(CultureInfo.InvariantCulture,
        $"the rule was stopped on this parcel: it {what} (a rule may take {RuleBudget.MaxSteps:N0} steps, {RuleBudget.MaxTime.TotalMilliseconds:N0} ms "
        + $"and {RuleBudget.MaxAllocatedBytes / (1 << 20):N0} MB per parcel)"));

/// <summary>
/// How much one rule expression may do for one parcel. The only way a rule expression can run long
/// is to walk a sequence it made itself (<c>Enumerable.Range(0, int.MaxValue)</c>, <c>Repeat</c>, a
/// <c>SelectMany</c> of them): it cannot loop, recurse or call anything but the allowed types (see
/// <see cref="ExpressionAllowList"/>), and the parcel's own lists are a few items long. So
/// <see cref="RuleBudgetMetering"/> makes every such sequence count its items here, and an expression
/// that has any starts its count with <see cref="Start"/>: past <see cref="MaxSteps"/> items, or
/// <see cref="MaxTime"/>, or <see cref="MaxAllocatedBytes"/> allocated, the walk throws, and the rule
/// fails for that parcel as a rule error. The step limit decides the common case, the same way on every
/// machine; time and memory catch items that are each costly (a string grown at every step), with time
/// set well above what the steps take on a loaded machine, since it counts waiting for a core too. Time and
/// memory are read every <see cref="CheckEvery"/> items, from the first such reading on, so an
/// expression without a long walk pays two thread-local writes and nothing else. The rules as shipped
/// make no sequences of their own, so they are not metered at all.
/// </summary>
public static class RuleBudget
{
    public const int MaxSteps = 10_000;
    public static readonly TimeSpan MaxTime = TimeSpan.FromMilliseconds(250);
    public const long MaxAllocatedBytes = 16L << 20;
    const int CheckEvery = 1024;

    [ThreadStatic] static int t_untilCheck;
    [ThreadStatic] static int t_steps;
    [ThreadStatic] static long t_firstCheckAt;
    [ThreadStatic] static long t_allocatedAtFirstCheck;

    /// <summary>Begins an expression's count on this thread.</summary>
    public static void Start()
    {
        t_untilCheck = CheckEvery;
        t_steps = 0;
        t_firstCheckAt = 0;
    }

    /// <summary>The sequence, counting each item it yields against the budget of the expression that walks it.</summary>
    public static IEnumerable<T> Metered<T>(IEnumerable<T> source)
    {
        foreach (var item in source)
        {
            if (--t_untilCheck <= 0)
                Check();
            yield return item;
        }
    }

    static void Check()
    {
        t_untilCheck = CheckEvery;
        t_steps += CheckEvery;
        if (t_steps > MaxSteps)
            throw new RuleBudgetExceededException(string.Create(CultureInfo.InvariantCulture, $"walked more than {MaxSteps:N0} items"));
        if (t_firstCheckAt == 0)
        {
            t_firstCheckAt = Stopwatch.GetTimestamp();
            t_allocatedAtFirstCheck = GC.GetAllocatedBytesForCurrentThread();
            return;
        }
        if (Stopwatch.GetElapsedTime(t_firstCheckAt) > MaxTime)
            throw new RuleBudgetExceededException(string.Create(CultureInfo.InvariantCulture, $"ran longer than {MaxTime.TotalMilliseconds:N0} ms"));
        if (GC.GetAllocatedBytesForCurrentThread() - t_allocatedAtFirstCheck > MaxAllocatedBytes)
            throw new RuleBudgetExceededException(string.Create(CultureInfo.InvariantCulture, $"allocated more than {MaxAllocatedBytes / (1 << 20):N0} MB"));
    }
}
