using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysSync.Emulator;

/// <summary>The org's fault rules. Thread-safe; decisions are made one request at a time, in arrival order.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, Random Random)> _rules = new();
    private readonly Func<int> _seed;
    private int _nextId;

    internal FaultInjector(Func<int> seed) => _seed = seed;

    /// <summary>The active rules, in evaluation order.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get { lock (_gate) return _rules.Select(r => r.Rule).ToList(); }
    }

    /// <summary>Adds a rule (checked for sane values) and returns it with its <see cref="FaultRule.Id"/> set.</summary>
    public FaultRule Add(FaultRule rule)
    {
        if (rule == null) throw new ArgumentNullException(nameof(rule));
        rule.Validate();
        lock (_gate)
        {
            rule.Id = ++_nextId;
            // Each rule draws from its own generator seeded by (seed, rule id): adding a rule never shifts another's sequence.
            _rules.Add((rule, new Random(unchecked(_seed() * 7919 + rule.Id))));
        }
        return rule;
    }

    public bool Remove(int id)
    {
        lock (_gate) return _rules.RemoveAll(r => r.Rule.Id == id) > 0;
    }

    /// <summary>Removes every rule; rule ids start again from 1.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _nextId = 0;
        }
    }

    /// <summary>Applies a reply-mangling fault to the org's reply (only 2xx replies with a body are touched).</summary>
    internal static Http.ApiResponse Mangle(FaultKind kind, Http.ApiResponse response)
    {
        if (response.Status < 200 || response.Status > 299 || response.Body.Length == 0) return response;
        byte[] body;
        if (kind == FaultKind.TruncatedBody)
        {
            body = new byte[response.Body.Length / 2];
            Array.Copy(response.Body, body, body.Length);
        }
        else
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(response.Body) is not System.Text.Json.Nodes.JsonObject root
                || root["results"] is not System.Text.Json.Nodes.JsonArray results) return response;
            var reversed = results.Reverse().Select(n => n?.DeepClone()).ToArray();
            root["results"] = new System.Text.Json.Nodes.JsonArray(reversed);
            body = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
        }
        var mangled = new Http.ApiResponse(response.Status, body, response.ContentType);
        mangled.Headers.AddRange(response.Headers);
        return mangled;
    }

    /// <summary>The rule that fires for this request, or null.</summary>
    internal FaultRule? Decide(string method, string? template)
    {
        lock (_gate)
        {
            FaultRule? fired = null;
            foreach (var (rule, random) in _rules)
            {
                if (!rule.Matches(method, template)) continue;
                if (rule.CountAndDecide(random, fired != null)) fired = rule;
            }
            return fired;
        }
    }
}
