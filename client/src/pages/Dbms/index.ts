export { DbmsPage } from './DbmsPage';
