// rate-limiter-flexible's typings declare RateLimiterStoreAbstract, but its index does not
// export it at run time; the class is imported from its own file.
declare module 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js' {
	import { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
	export default RateLimiterStoreAbstract;
}
