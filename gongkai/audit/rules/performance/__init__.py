"""J 绩效: performance self-evaluations recomputed — scores, totals, weights, 执行率, 等级 and stated scores."""
